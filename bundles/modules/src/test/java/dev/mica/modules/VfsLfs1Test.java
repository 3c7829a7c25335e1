package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * vfs.VfsLfs1 on a RAM block device written in Python. The expected outputs, image digests and
 * free block counts are MicroPython v1.24.1's for the same programs.
 */
class VfsLfs1Test {
    /** An image made by mkfs has the superblock where littlefs v1 puts it; images have the bytes MicroPython writes. */
    @Test
    void mkfsAndMountRoundTripKeepsFilesWithLittlefsLayout() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(30)
                vfs.VfsLfs1.mkfs(disk)
                print(disk.data[40:48], digest(disk.data))
                fs = vfs.VfsLfs1(disk)
                print(fs.statvfs('/'))
                with fs.open('hello.txt', 'w') as f:
                    f.write('hello littlefs')
                fs.mkdir('sub')
                print(fs.statvfs('/'), digest(disk.data))
                again = vfs.VfsLfs1(disk)
                print(list(again.ilistdir('/')), again.open('hello.txt', 'r').read(), again.stat('hello.txt'))
                """);
        assertEquals("bytearray(b'littlefs') 4062164060\n"
                + "(1024, 1024, 30, 26, 26, 0, 0, 0, 0, 255)\n"
                + "(1024, 1024, 30, 23, 23, 0, 0, 0, 0, 255) 24106140\n"
                + "[('hello.txt', 32768, 0, 14), ('sub', 16384, 0, 0)] hello littlefs (32768, 0, 0, 0, 0, 0, 14, 0, 0, 0)\n", run.out, run.err);
    }

    /** A file of 40 blocks in a CTZ skip list: read whole and from positions around block ends, overwritten in the middle, appended to. */
    @Test
    void filesSpanningManyBlocksReadBackAtAnyPosition() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(128, 512)
                vfs.VfsLfs1.mkfs(disk, readsize=16, progsize=64, lookahead=64)
                fs = vfs.VfsLfs1(disk, readsize=16, progsize=64, lookahead=64)
                data = bytes((i * 7 + (i >> 8)) & 0xff for i in range(20000))
                with fs.open('big', 'wb') as f:
                    for i in range(0, len(data), 700):
                        f.write(data[i:i + 700])
                print(fs.stat('big')[6], fs.statvfs('/')[3], digest(disk.data))
                with fs.open('big', 'rb') as f:
                    print(f.read() == data)
                    for at in (0, 495, 496, 5000, 19999, 20000):
                        f.seek(at)
                        print(at, f.read(40) == data[at:at + 40], f.tell())
                with fs.open('big', 'r+b') as f:
                    f.seek(10000)
                    f.write(b'X' * 1000)
                data = data[:10000] + b'X' * 1000 + data[11000:]
                with fs.open('big', 'ab') as f:
                    f.write(b'end')
                data += b'end'
                print(vfs.VfsLfs1(disk).open('big', 'rb').read() == data, fs.statvfs('/')[3], digest(disk.data))
                """);
        assertEquals("20000 84 2049529493\n"
                + "True\n"
                + "0 True 40\n"
                + "495 True 535\n"
                + "496 True 536\n"
                + "5000 True 5040\n"
                + "19999 True 20000\n"
                + "20000 True 20000\n"
                + "True 84 3680514851\n", run.out, run.err);
    }

    /** Sixty entries fill several blocks of a directory; removing them gives the blocks back. */
    @Test
    void manyDirectoryEntriesSpreadOverBlocksAndShrinkBack() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(40, 512)
                vfs.VfsLfs1.mkfs(disk)
                fs = vfs.VfsLfs1(disk)
                fs.mkdir('many')
                for i in range(60):
                    fs.open('many/entry%03d' % i, 'w').close()
                names = [e[0] for e in fs.ilistdir('many')]
                print(len(names), names[:3], names[-3:], fs.statvfs('/')[3])
                for i in range(0, 60, 2):
                    fs.remove('many/entry%03d' % i)
                names = [e[0] for e in fs.ilistdir('many')]
                print(len(names), names[:3], names[-3:], fs.statvfs('/')[3])
                for i in range(1, 60, 2):
                    fs.remove('many/entry%03d' % i)
                print(list(fs.ilistdir('many')), fs.statvfs('/')[3])
                fs.rmdir('many')
                print(list(fs.ilistdir('/')), fs.statvfs('/')[3], digest(disk.data))
                """);
        assertEquals("60 ['entry000', 'entry001', 'entry002'] ['entry057', 'entry058', 'entry059'] 30\n"
                + "30 ['entry001', 'entry003', 'entry005'] ['entry055', 'entry057', 'entry059'] 30\n"
                + "[] 34\n"
                + "[] 36 3521687211\n", run.out, run.err);
    }

    /** Renames between directories (relative and absolute paths), over an existing file, and the errors of impossible ones. */
    @Test
    void renameAcrossDirectoriesMovesFilesAndFolders() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(40, 512)
                vfs.VfsLfs1.mkfs(disk)
                fs = vfs.VfsLfs1(disk)
                for d in ('a', 'b', 'a/deep'):
                    fs.mkdir(d)
                with fs.open('a/f1', 'w') as f:
                    f.write('one')
                with fs.open('b/f2', 'w') as f:
                    f.write('two')
                fs.rename('a/f1', 'b/g1')
                fs.chdir('b')
                fs.rename('f2', '/a/deep/g2')
                fs.rename('/a/deep', 'moved')
                fs.chdir('/')
                print(sorted(fs.ilistdir('a')), sorted(fs.ilistdir('b')), sorted(fs.ilistdir('b/moved')))
                print(fs.open('b/moved/g2', 'r').read(), fs.open('b/g1', 'r').read())
                fs.rename('b/g1', 'b/moved/g2')
                print(sorted(fs.ilistdir('b/moved')), fs.open('b/moved/g2', 'r').read())
                for old, new in (('b/moved', 'b/moved/g2'), ('b/moved/g2', 'a'), ('a', 'b'), ('nothere', 'x'), ('b/moved/g2', 'nodir/x')):
                    try:
                        fs.rename(old, new)
                        print('renamed', old, new)
                    except OSError as e:
                        print(old, new, e.errno)
                print(sorted(fs.ilistdir('/')), sorted(fs.ilistdir('b')), fs.statvfs('/')[3], digest(disk.data))
                """);
        assertEquals("[] [('g1', 32768, 0, 3), ('moved', 16384, 0, 0)] [('g2', 32768, 0, 3)]\n"
                + "two one\n"
                + "[('g2', 32768, 0, 3)] one\n"
                + "b/moved b/moved/g2 21\n"
                + "b/moved/g2 a 21\n"
                + "a b 39\n"
                + "nothere x 2\n"
                + "b/moved/g2 nodir/x 2\n"
                + "[('a', 16384, 0, 0), ('b', 16384, 0, 0)] [('moved', 16384, 0, 0)] 29 3453319044\n", run.out, run.err);
    }

    /** Bad calls give OSError with MicroPython's errno (or its TypeError, ValueError), never a Java exception. */
    @Test
    void errorsAreOSErrorsWithLittlefsErrno() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                def err(label, fn):
                    try:
                        fn()
                        print(label, 'ok')
                    except Exception as e:
                        print(label, type(e).__name__, e.args)
                err('mkfs tiny', lambda: vfs.VfsLfs1.mkfs(Ram(1)))
                err('blank', lambda: vfs.VfsLfs1(Ram(10)))
                disk = Ram(20)
                vfs.VfsLfs1.mkfs(disk)
                fs = vfs.VfsLfs1(disk)
                fs.mkdir('d')
                fs.open('d/f', 'w').close()
                fs.open('file', 'w').close()
                err('mkdir exists', lambda: fs.mkdir('d'))
                err('mkdir under file', lambda: fs.mkdir('file/x'))
                err('mkdir missing parent', lambda: fs.mkdir('no/x'))
                err('rmdir not empty', lambda: fs.rmdir('d'))
                err('remove missing', lambda: fs.remove('nothing'))
                err('open dir', lambda: fs.open('d', 'r'))
                err('open missing', lambda: fs.open('nothing', 'r'))
                err('open excl', lambda: fs.open('file', 'x'))
                err('bad mode', lambda: fs.open('file', 'wr'))
                err('ilistdir file', lambda: fs.ilistdir('file'))
                err('stat missing', lambda: fs.stat('d/nothing'))
                err('chdir file', lambda: fs.chdir('file'))
                err('path type', lambda: fs.stat(3))
                err('extra arg', lambda: vfs.VfsLfs1(disk, 32))
                err('extra kw', lambda: vfs.VfsLfs1(disk, blocks=3))
                f = fs.open('file', 'r')
                err('write read-only', lambda: f.write('x'))
                err('seek far', lambda: f.seek(1 << 31))
                err('seek before', lambda: f.seek(-1, 1))
                f.close()
                err('read closed', lambda: f.read())
                err('close closed', lambda: f.close())
                f = fs.open('file', 'w')
                err('read write-only', lambda: f.read())
                f.close()
                full = Ram(6)
                vfs.VfsLfs1.mkfs(full)
                ffs = vfs.VfsLfs1(full)
                g = ffs.open('big', 'w')
                err('no space', lambda: g.write('x' * 10000))
                err('close after no space', lambda: g.close())
                print(list(ffs.ilistdir()))
                for b in (0, 1):
                    for i in range(1024):
                        disk.data[b * 1024 + i] = i & 0xff
                err('statvfs corrupt', lambda: fs.statvfs('/'))
                err('mount corrupt', lambda: vfs.VfsLfs1(disk))
                """);
        assertEquals("mkfs tiny OSError (28,)\n"
                + "blank OSError (52,)\n"
                + "mkdir exists OSError (17,)\n"
                + "mkdir under file OSError (20,)\n"
                + "mkdir missing parent OSError (2,)\n"
                + "rmdir not empty OSError (39,)\n"
                + "remove missing OSError (2,)\n"
                + "open dir OSError (21,)\n"
                + "open missing OSError (2,)\n"
                + "open excl OSError (17,)\n"
                + "bad mode ValueError ()\n"
                + "ilistdir file OSError (20,)\n"
                + "stat missing OSError (2,)\n"
                + "chdir file OSError (-2,)\n"
                + "path type TypeError (\"can't convert 'int' object to str implicitly\",)\n"
                + "extra arg TypeError ('extra positional arguments given',)\n"
                + "extra kw TypeError ('extra keyword arguments given',)\n"
                + "write read-only OSError (9,)\n"
                + "seek far OSError (22,)\n"
                + "seek before OSError (22,)\n"
                + "read closed ValueError ()\n"
                + "close closed ok\n"
                + "read write-only OSError (9,)\n"
                + "no space OSError (28,)\n"
                + "close after no space ok\n"
                + "[('big', 32768, 0, 0)]\n"
                + "statvfs corrupt OSError (52,)\n"
                + "mount corrupt OSError (52,)\n", run.out, run.err);
    }

    /** vfs.mount recognises a littlefs v1 device; open, import, the os functions and a read-only mount go through it. */
    @Test
    void mountedByVfsMountServesOpenImportAndReadOnly() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(30)
                vfs.VfsLfs1.mkfs(disk)
                vfs.mount(disk, '/lfs')
                with open('/lfs/mod.py', 'w') as f:
                    f.write('print("imported from littlefs")\\n')
                os.mkdir('/lfs/pkg')
                import sys
                sys.path.insert(0, '/lfs')
                import mod
                os.chdir('/lfs/pkg')
                print(os.getcwd(), os.listdir('/lfs'), os.stat('/lfs/mod.py')[6])
                os.chdir('/')
                vfs.umount('/lfs')
                vfs.mount(vfs.VfsLfs1(disk), '/ro', readonly=True)
                try:
                    open('/ro/new', 'w')
                except OSError as e:
                    print('read-only', e.errno)
                print(open('/ro/mod.py').read().strip())
                vfs.umount('/ro')
                """);
        assertEquals("imported from littlefs\n"
                + "/lfs/pkg ['mod.py', 'pkg'] 32\n"
                + "read-only 30\n"
                + "print(\"imported from littlefs\")\n", run.out, run.err);
    }

    /** A directory list that loops back on itself (which littlefs would walk forever) is reported as corrupt. */
    @Test
    void cyclicMetadataIsCorruptionNotAHang() {
        PythonRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> PythonRun.of(LittlefsRamDisk.SOURCE + """
                import binascii, struct
                disk = Ram(20)
                vfs.VfsLfs1.mkfs(disk)
                fs = vfs.VfsLfs1(disk)
                fs.open('f', 'w').close()
                def block(n):
                    return disk.data[n * 1024:(n + 1) * 1024]
                # the root pair is (2, 3); take the newer half and point its tail back at the superblock pair
                revs = [struct.unpack('<I', block(n)[0:4])[0] for n in (2, 3)]
                n = 2 if revs[0] > revs[1] else 3
                b = bytearray(block(n))
                size = struct.unpack('<I', b[4:8])[0] & 0x7fffffff
                b[8:16] = struct.pack('<II', 0, 1)
                crc = binascii.crc32(b[0:size - 4]) ^ 0xffffffff
                b[size - 4:size] = struct.pack('<I', crc)
                disk.data[n * 1024:(n + 1) * 1024] = b
                fs = vfs.VfsLfs1(disk)
                for label, fn in (('statvfs', lambda: fs.statvfs('/')), ('mkdir', lambda: fs.mkdir('x')), ('open', lambda: fs.open('g', 'w'))):
                    try:
                        print(label, fn())
                    except OSError as e:
                        print(label, 'OSError', e.errno)
                """));
        assertEquals("statvfs OSError 52\n"
                + "mkdir OSError 52\n"
                + "open <io.TextIOWrapper>\n", run.out, run.err);
    }
}
