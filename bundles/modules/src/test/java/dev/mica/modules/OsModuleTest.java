package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsModuleTest {
    @TempDir
    Path temp;

    private Path root() throws IOException {
        return Files.createDirectories(temp.resolve("app"));
    }

    private Path secret() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        return outside;
    }

    @Test
    void fileFunctionsWorkInsideTheStorageRoot() throws IOException {
        Path root = root();
        PythonRun run = PythonRun.in(root, """
                import os
                print(os.getcwd(), os.listdir())
                os.mkdir('data')
                with open('data/a.txt', 'w') as f:
                    f.write('hello')
                os.chdir('data')
                print(os.getcwd(), os.listdir(), os.stat('a.txt')[6])
                os.rename('a.txt', '/data/b.txt')
                print(sorted(os.listdir('/data')))
                print([e[0:2] for e in os.ilistdir('/')])
                os.remove('b.txt')
                os.chdir('..')
                os.rmdir('data')
                print(os.listdir('/'))
                """);
        assertEquals("/ []\n/data ['a.txt'] 5\n['b.txt']\n[('data', 16384)]\n[]\n", run.out, run.err);
        assertFalse(Files.exists(root.resolve("data")));
    }

    @Test
    void dotDotAndAbsolutePathsCannotLeaveTheRoot() throws IOException {
        Path root = root();
        Path outside = secret();
        PythonRun run = PythonRun.in(root, """
                import os
                for name in ('../outside/secret.txt', '/../outside/secret.txt', '%s/secret.txt', 'x/../../outside/secret.txt'):
                    try:
                        print(open(name).read())
                    except OSError as e:
                        print('OSError', e.errno in (2, 13))
                for name in ('..', '/..', '%s'):
                    try:
                        print(os.listdir(name))
                    except OSError as e:
                        print('OSError', e.errno in (2, 13))
                try:
                    os.chdir('..')
                except OSError:
                    pass
                print(os.getcwd())
                """.formatted(outside, outside));
        assertEquals("OSError True\n".repeat(7) + "/\n", run.out, run.err);
    }

    @Test
    void symbolicLinksOutOfTheRootAreRefused() throws IOException {
        Path root = root();
        Path outside = secret();
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file"), outside.resolve("secret.txt"));
        PythonRun run = PythonRun.in(root, """
                import os, vfs
                for action in (lambda: open('link/secret.txt').read(), lambda: open('file').read(),
                               lambda: os.listdir('link'), lambda: os.stat('link/secret.txt'),
                               lambda: open('link/new.txt', 'w'), lambda: vfs.VfsPosix('/link').ilistdir('/')):
                    try:
                        print(action())
                    except OSError as e:
                        print('OSError', e.errno)
                """);
        assertEquals("OSError 13\n".repeat(6), run.out, run.err);
        assertFalse(Files.exists(outside.resolve("new.txt")));
    }

    @Test
    void vfsPosixWithARootStaysInsideTheStorageRoot() throws IOException {
        Path root = root();
        secret();
        PythonRun run = PythonRun.in(root, """
                import os, vfs
                os.mkdir('sub')
                vfs.mount(vfs.VfsPosix('sub'), '/mnt')
                with open('/mnt/x.txt', 'w') as f:
                    f.write('in sub')
                print(os.listdir('/sub'), os.listdir('/mnt'))
                try:
                    open('/mnt/../../outside/secret.txt')
                except OSError as e:
                    print('OSError', e.errno in (2, 13))
                """);
        assertEquals("['x.txt'] ['x.txt']\nOSError True\n", run.out, run.err);
        assertTrue(Files.exists(root.resolve("sub/x.txt")));
    }

    @Test
    void systemIsRefusedToConfinedPrograms() throws IOException {
        PythonRun run = PythonRun.in(root(), """
                import os
                try:
                    os.system('true')
                except OSError as e:
                    print('OSError', e.errno)
                """);
        assertEquals("OSError 1\n", run.out, run.err);
    }

    @Test
    void environmentVariablesAreTheInterpretersOwn() {
        PythonRun run = PythonRun.of("""
                import os
                print(os.getenv('MICA_TEST_UNSET'), os.getenv('MICA_TEST_UNSET', 'dflt'))
                os.putenv('MICA_TEST_UNSET', 'v')
                print(os.getenv('MICA_TEST_UNSET'))
                os.unsetenv('MICA_TEST_UNSET')
                print(os.getenv('MICA_TEST_UNSET'))
                print(len(os.urandom(7)), type(os.urandom(0)), os.sep)
                """);
        assertEquals("None dflt\nv\nNone\n7 <class 'bytes'> /\n", run.out, run.err);
        assertEquals(null, System.getenv("MICA_TEST_UNSET"));
    }
}
