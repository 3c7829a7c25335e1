// Runs MicroPython programs on the real MicroPython v1.24.1 (WebAssembly port).
// Input on stdin: a JSON array; each item is either the text of a program, or an object
// {"files": {"name": "base64 contents", ...}, "main": "program text"} whose files are written
// to the interpreter's filesystem root (on sys.path) before the main program runs, so that it
// can import them (.py or .mpy). Output on stdout: a JSON array of {stdout, stderr} objects,
// one per program, each run in a fresh interpreter.
// An uncaught exception is printed to stderr as MicroPython's traceback, as the unix port does.
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const programs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const decoder = new TextDecoder();
const results = [];
for (const program of programs) {
    const out = [];
    const err = [];
    const mp = await loadMicroPython({
        linebuffer: false,
        stdout: (bytes) => out.push(...bytes),
        stderr: (bytes) => err.push(...bytes),
    });
    const { files = {}, main } = typeof program === "string" ? { main: program } : program;
    for (const [name, base64] of Object.entries(files)) {
        mp.FS.writeFile("/" + name, Buffer.from(base64, "base64"));
    }
    try {
        mp.runPython(main);
    } catch (e) {
        // the traceback has already gone to stderr through sys.print_exception
        if (err.length === 0) err.push(...new TextEncoder().encode(String(e.message ?? e)));
    }
    results.push({ stdout: decoder.decode(new Uint8Array(out)), stderr: decoder.decode(new Uint8Array(err)) });
}
process.stdout.write(JSON.stringify(results));
