package dev.mica.modules;

/**
 * The Python source the littlefs tests start with: {@code vfs} and {@code os} imported, a RAM
 * block device {@code Ram(blocks, size=1024)} with the extended protocol (its calls return
 * {@code ret}; after {@code fail_after} more writes it raises KeyboardInterrupt, as a power
 * loss; {@code writes} counts them), and {@code digest(data)}, a short checksum of an image.
 */
final class LittlefsRamDisk {
    static final String SOURCE = """
            import vfs, os
            class Ram:
                def __init__(self, blocks, size=1024):
                    self.size = size
                    self.data = bytearray(blocks * size)
                    self.ret = 0
                    self.writes = 0
                    self.fail_after = -1
                def readblocks(self, n, buf, off):
                    a = n * self.size + off
                    buf[:] = self.data[a:a + len(buf)]
                    return self.ret
                def writeblocks(self, n, buf, off):
                    if self.fail_after == 0:
                        raise KeyboardInterrupt
                    self.fail_after -= 1
                    self.writes += 1
                    a = n * self.size + off
                    self.data[a:a + len(buf)] = buf
                    return self.ret
                def ioctl(self, op, arg):
                    if op == 4:
                        return len(self.data) // self.size
                    if op == 5:
                        return self.size
                    if op == 6:
                        return 0
            def digest(b):
                h = 0
                for x in b:
                    h = (h * 31 + x) & 0xffffffff
                return h
            """;

    private LittlefsRamDisk() {}
}
