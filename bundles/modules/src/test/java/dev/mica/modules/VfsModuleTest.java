package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VfsModuleTest {
    private static final String RAM_DISK = """
            import os, vfs, sys
            class RamDisk:
                def __init__(self, blocks):
                    self.data = bytearray(blocks * 512)
                def readblocks(self, n, buf):
                    buf[:] = self.data[n * 512 : n * 512 + len(buf)]
                def writeblocks(self, n, buf):
                    self.data[n * 512 : n * 512 + len(buf)] = buf
                def ioctl(self, op, arg):
                    if op == 4:
                        return len(self.data) // 512
                    if op == 5:
                        return 512
            """;

    @Test
    void fatVolumeHasFatFsGeometryAndKeepsFiles() {
        PythonRun run = PythonRun.of(RAM_DISK + """
                disk = RamDisk(50)
                vfs.VfsFat.mkfs(disk)
                fs = vfs.VfsFat(disk)
                print(fs.statvfs('/'))
                vfs.mount(fs, '/ram')
                with open('/ram/A Long File Name.txt', 'w') as f:
                    f.write('x' * 1000)
                os.mkdir('/ram/dir')
                print(os.listdir('/ram'), os.stat('/ram/a long file name.TXT')[6])
                print(fs.statvfs('/')[3])
                vfs.umount('/ram')
                again = vfs.VfsFat(disk)
                print(list(again.ilistdir('/')))
                print(again.open('A Long File Name.txt', 'r').read() == 'x' * 1000)
                again.remove('A Long File Name.txt')
                print(again.statvfs('/')[3])
                """);
        assertEquals("(512, 512, 16, 16, 16, 0, 0, 0, 0, 255)\n"
                + "['A Long File Name.txt', 'dir'] 1000\n"
                + "13\n"
                + "[('A Long File Name.txt', 32768, 0, 1000), ('dir', 16384, 0, 0)]\n"
                + "True\n"
                + "15\n", run.out, run.err);
    }

    @Test
    void garbageCollectionClosesUnreachableFatFiles() {
        PythonRun run = PythonRun.of(RAM_DISK + """
                import gc
                disk = RamDisk(50)
                vfs.VfsFat.mkfs(disk)
                fs = vfs.VfsFat(disk)
                def write_without_closing(name):
                    fs.open(name, 'w').write('data of ' + name)
                for name in ('a', 'b'):
                    write_without_closing(name)
                print(list(vfs.VfsFat(disk).ilistdir()))
                gc.collect()
                print(list(vfs.VfsFat(disk).ilistdir()))
                print(vfs.VfsFat(disk).open('b', 'r').read())
                """);
        assertEquals("[('a', 32768, 0, 0), ('b', 32768, 0, 0)]\n"
                + "[('a', 32768, 0, 9), ('b', 32768, 0, 9)]\n"
                + "data of b\n", run.out, run.err);
    }

    @Test
    void blockDeviceMountedDirectlyServesOpenAndImport() {
        PythonRun run = PythonRun.of(RAM_DISK + """
                disk = RamDisk(64)
                try:
                    vfs.mount(disk, '/flash')
                except OSError as e:
                    print('no file system', e.errno)
                vfs.mount(disk, '/flash', mkfs=True)
                with open('/flash/fatmod.py', 'w') as f:
                    f.write('print("imported from fat", __file__)')
                sys.path.append('/flash')
                import fatmod
                os.chdir('/flash')
                print(os.getcwd(), os.listdir())
                """);
        assertEquals("no file system 19\nimported from fat /flash/fatmod.py\n/flash ['fatmod.py']\n", run.out, run.err);
    }

    @Test
    void userFileSystemReceivesPathsInsideItsMountPoint() {
        PythonRun run = PythonRun.of("""
                import os, vfs, io
                class Fs:
                    def mount(self, readonly, mkfs):
                        print('mount', readonly, mkfs)
                    def umount(self):
                        print('umount')
                    def open(self, path, mode):
                        print('open', path, mode)
                        return io.StringIO('content of ' + path)
                    def stat(self, path):
                        return (0x8000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                    def ilistdir(self, path):
                        return iter([('f', 0x8000, 0)])
                vfs.mount(Fs(), '/user', readonly=True)
                print(open('/user/a/b.txt').read())
                print(os.listdir('/user/x'), os.stat('/user/q')[0])
                try:
                    vfs.mount(Fs(), '/user')
                except OSError as e:
                    print('in use', e.errno)
                vfs.umount('/user')
                try:
                    vfs.umount('/user')
                except OSError as e:
                    print('not mounted', e.errno)
                """);
        assertEquals("mount True False\nopen /a/b.txt r\ncontent of /a/b.txt\n['f'] 32768\n"
                + "mount False False\nin use 1\numount\nnot mounted 22\n", run.out, run.err);
    }

    @Test
    void withNothingMountedAtTheRootPathsLeadNowhere() {
        PythonRun run = PythonRun.of("""
                import os, vfs
                vfs.umount('/')
                print(os.listdir('/'), os.getcwd(), os.stat('/')[0])
                for f in (lambda: open('x'), lambda: os.listdir('/x'), lambda: os.mkdir('/')):
                    try:
                        f()
                    except OSError as e:
                        print(e.errno)
                """);
        assertEquals("[] / 16384\n19\n19\n17\n", run.out, run.err);
    }
}
