package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** vfs.VfsLfs2: littlefs v2 on a block device written in Python; expected outputs are MicroPython's. */
class VfsLfs2Test {
    /** Mkfs and mount again, littlefs's name order, statvfs from the real block use, an unformatted device and vfs.mount's detection. */
    @Test
    void formatsMountsAndIsFoundByMount() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(30)
                vfs.VfsLfs2.mkfs(disk)
                fs = vfs.VfsLfs2(disk)
                print(fs.statvfs('/'))
                with fs.open('test', 'w') as f:
                    f.write('littlefs')
                fs.mkdir('testdir')
                print(list(fs.ilistdir()))
                fs2 = vfs.VfsLfs2(disk)
                print(fs2.open('test', 'r').read(), fs2.statvfs('/')[3])
                try:
                    vfs.VfsLfs2(Ram(10))
                except OSError as e:
                    print('unformatted', e.errno)
                vfs.mount(disk, '/flash')
                print(os.listdir('/flash'), type(os.statvfs('/flash')))
                vfs.umount('/flash')
                """);
        assertEquals("(1024, 1024, 30, 28, 28, 0, 0, 0, 0, 255)\n"
                + "[('testdir', 16384, 0, 0), ('test', 32768, 0, 8)]\n"
                + "littlefs 24\n"
                + "unformatted 84\n"
                + "['testdir', 'test'] <class 'tuple'>\n", run.out, run.err);
    }

    /** A file of many blocks read back whole and from the middle, appended to and rewritten in place, its blocks freed on removal. */
    @Test
    void filesSpanManyBlocksAsSkipLists() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(80, 512)
                vfs.VfsLfs2.mkfs(disk)
                fs = vfs.VfsLfs2(disk)
                data = bytes((i * 7 + i // 256) & 0xff for i in range(15000))
                with fs.open('big', 'wb') as f:
                    for i in range(0, len(data), 1000):
                        f.write(data[i:i + 1000])
                print(fs.stat('big')[6], fs.statvfs('/')[3])
                with fs.open('big', 'rb') as f:
                    print(f.read() == data)
                    f.seek(12345)
                    print(f.read(5) == data[12345:12350], f.tell())
                with fs.open('big', 'ab') as f:
                    f.write(b'END')
                with fs.open('big', 'r+b') as f:
                    f.seek(5000)
                    f.write(b'middle')
                with fs.open('big', 'rb') as f:
                    got = f.read()
                print(len(got), got == data[:5000] + b'middle' + data[5006:] + b'END', fs.statvfs('/')[3])
                fs.remove('big')
                print(fs.statvfs('/')[3])
                """);
        assertEquals("15000 48\n"
                + "True\n"
                + "True 12350\n"
                + "15003 True 48\n"
                + "78\n", run.out, run.err);
    }

    /** 120 entries in one folder split its metadata pair; removing half keeps the rest readable and in order. */
    @Test
    void manyEntriesSplitTheMetadataPair() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(60, 512)
                vfs.VfsLfs2.mkfs(disk)
                fs = vfs.VfsLfs2(disk)
                fs.mkdir('d')
                for i in range(120):
                    with fs.open('d/file%03d' % (119 - i), 'w') as f:
                        f.write('n%d' % i)
                names = [e[0] for e in fs.ilistdir('d')]
                print(len(names), names == sorted(names), fs.statvfs('/')[3])
                for i in range(0, 120, 2):
                    fs.remove('d/file%03d' % i)
                print(len(list(fs.ilistdir('d'))), fs.statvfs('/')[3])
                print(fs.open('d/file051', 'r').read())
                for n in ['a', 'abc', 'ab', 'b', 'aa']:
                    fs.open(n, 'w').close()
                print([e[0] for e in fs.ilistdir('/')])
                """);
        assertEquals("120 True 16\n"
                + "60 16\n"
                + "n68\n"
                + "['aa', 'abc', 'ab', 'a', 'b', 'd']\n", run.out, run.err);
    }

    /** Renames between folders, over a file and of a folder; the error numbers littlefs gives. */
    @Test
    void renamesAcrossFoldersAndReportsLittlefsErrors() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(30)
                vfs.VfsLfs2.mkfs(disk)
                fs = vfs.VfsLfs2(disk)
                fs.mkdir('a'); fs.mkdir('b'); fs.mkdir('a/sub')
                with fs.open('a/f', 'w') as f:
                    f.write('moved file')
                fs.rename('a/f', 'b/g')
                print(list(fs.ilistdir('a')), list(fs.ilistdir('b')))
                fs.open('b/h', 'w').close()
                fs.rename('b/g', 'b/h')
                print(list(fs.ilistdir('b')), fs.open('b/h', 'r').read())
                fs.rename('a/sub', 'b/sub2')
                fs.chdir('b/sub2')
                print(fs.getcwd())
                fs.chdir('/')
                def err(f):
                    try:
                        f()
                    except OSError as e:
                        return e.errno
                print(err(lambda: fs.rmdir('b')), err(lambda: fs.mkdir('a')), err(lambda: fs.remove('zz')),
                      err(lambda: fs.rename('b/h', 'b/sub2')), err(lambda: fs.open('b/h/x', 'w')), err(lambda: fs.open('a', 'w')),
                      err(lambda: fs.open('b/h', 'x')), err(lambda: fs.rename('/', 'q')), err(lambda: fs.chdir('b/h')))
                print(fs.statvfs('/')[3])
                """);
        assertEquals("[('sub', 16384, 0, 0)] [('g', 32768, 0, 10)]\n"
                + "[('h', 32768, 0, 10)] moved file\n"
                + "/b/sub2\n"
                + "39 17 2 21 20 21 17 22 -2\n"
                + "16\n", run.out, run.err);
    }

    /** The device stops at each write of an update in turn: the file system still mounts with the old or the new file, once, and takes new writes. */
    @Test
    void survivesPowerLossAtEveryWrite() {
        PythonRun run = PythonRun.of(LittlefsRamDisk.SOURCE + """
                disk = Ram(30)
                vfs.VfsLfs2.mkfs(disk)
                fs = vfs.VfsLfs2(disk)
                with fs.open('keep', 'w') as f:
                    f.write('old contents ' * 20)
                fs.mkdir('dir')
                snapshot = bytearray(disk.data)
                start = disk.writes
                with fs.open('keep', 'w') as f:
                    f.write('new contents ' * 20)
                fs.rename('keep', 'dir/keep')
                total = disk.writes - start
                print(total > 3)
                ok = 0
                for cut in range(total):
                    d = Ram(30)
                    d.data[:] = snapshot
                    fs2 = vfs.VfsLfs2(d)
                    d.fail_after = cut
                    try:
                        with fs2.open('keep', 'w') as f:
                            f.write('new contents ' * 20)
                        fs2.rename('keep', 'dir/keep')
                    except KeyboardInterrupt:
                        pass
                    d.fail_after = -1
                    fs3 = vfs.VfsLfs2(d)
                    names = [e[0] for e in fs3.ilistdir('/')] + ['dir/' + e[0] for e in fs3.ilistdir('dir')]
                    contents = [fs3.open(n, 'r').read()[:3] for n in names if n.endswith('keep')]
                    if len(contents) == 1 and contents[0] in ('old', 'new'):
                        ok += 1
                    fs3.open('after', 'w').close()
                    fs3.mkdir('after_dir')
                print(ok == total)
                """);
        assertEquals("True\n"
                + "True\n", run.out, run.err);
    }
}
