package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BtreeModuleTest {
    @Test
    void keepsKeysSortedAndIteratesRanges() {
        PythonRun run = PythonRun.of("""
                import btree, io
                db = btree.open(io.BytesIO())
                for k in (b'pear', b'apple', b'fig', b'kiwi'):
                    db[k] = k.upper()
                db['date'] = 'DATE'
                print(list(db), db[b'fig'], db.get(b'plum'), db.get(b'plum', 0), b'kiwi' in db)
                print(list(db.items(b'b', b'kiwi')), list(db.keys(b'f', b'kiwi', btree.INCL)))
                print(list(db.values(None, b'date', btree.DESC)))
                print(db.seq(1, b'g'), db.seq(7), db.seq(9), db.seq(3), db.seq(6))
                del db[b'fig']
                for call in (lambda: db[b'fig'], lambda: db.seq(b'x')):
                    try:
                        call()
                    except Exception as e:
                        print(type(e).__name__, e)
                db.close()
                try:
                    db.flush()
                except ValueError as e:
                    print(e)
                print(db)
                """);
        assertEquals("""
                [b'apple', b'date', b'fig', b'kiwi', b'pear'] b'FIG' None 0 True
                [(b'date', b'DATE'), (b'fig', b'FIG')] [b'fig', b'kiwi']
                [b'PEAR', b'KIWI', b'FIG']
                (b'kiwi', b'KIWI') (b'pear', b'PEAR') (b'kiwi', b'KIWI') (b'apple', b'APPLE') (b'pear', b'PEAR')
                KeyError\s
                OSError [Errno 22] EINVAL
                database closed
                <btree 0>
                """, run.out, run.err);
    }

    @Test
    void theCursorFollowsBerkeleyDbWhenItsRecordGoesAway() {
        // outputs measured on MicroPython v1.24.1's unix port
        PythonRun run = PythonRun.of("""
                import btree, io
                db = btree.open(io.BytesIO())
                for k in (b'a', b'b', b'c', b'd'):
                    db[k] = k * 2
                print(db.seq(1, b'b'))
                del db[b'b']
                print(db.seq(7), db.seq(7))
                db[b'c'] = b'new'
                print(db.seq(9), db.seq(9))
                print(db.seq(7), db.seq(7), db.seq(7), db.seq(9))
                try:
                    db.seq(1, b'')
                except OSError as e:
                    print(e)
                """);
        assertEquals("""
                (b'b', b'bb')
                (b'c', b'cc') (b'd', b'dd')
                (b'c', b'new') (b'a', b'aa')
                (b'c', b'new') (b'd', b'dd') None (b'c', b'new')
                [Errno 22] EINVAL
                """, run.out, run.err);
    }

    @Test
    void persistsToAFileAndReadsItBack(@TempDir Path dir) {
        PythonRun run = PythonRun.in(dir, """
                import btree
                with open('data.db', 'w+b') as f:
                    db = btree.open(f, pagesize=1024)
                    for i in range(300):
                        db[b'key%03d' % i] = b'value' * (i % 7)
                    db.close()
                with open('data.db', 'r+b') as f:
                    db = btree.open(f)
                    print(len(list(db.keys())), db[b'key123'], db.seq(1, b'key2995'))
                    db[b'key123'] = b'changed'
                    db.flush()
                with open('data.db', 'r+b') as f:
                    db = btree.open(f)
                    print(db[b'key123'])
                with open('junk.db', 'w+b') as f:
                    f.write(b'not a database at all, clearly')
                    f.seek(0)
                    try:
                        btree.open(f)
                    except OSError as e:
                        print(e)
                try:
                    btree.open(open('data.db', 'r+b'), pagesize=100)
                except OSError as e:
                    print(e)
                """);
        assertEquals("300 b'valuevaluevaluevalue' None\nb'changed'\n[Errno 22] EINVAL\n[Errno 22] EINVAL\n", run.out, run.err);
    }
}
