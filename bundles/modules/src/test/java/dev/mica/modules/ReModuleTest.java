package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReModuleTest {
    @Test
    void matchesWithBacktrackingAndGroups() {
        PythonRun run = PythonRun.of("""
                import re
                m = re.match(r'(\\w+)@(\\w+)(\\.com)?', 'ann@host.org')
                print(m.group(0), m.group(1), m.group(2), m.group(3), m.groups(), m.span(2), m.start(), m.end(1))
                print(re.search('a+?b|c', 'xxaab').group(0), re.match('(a|ab)(c|bcd)', 'abcd').group(0))
                print(re.match('[^\\\\d-]+', 'ab-1'), re.match('x*', 'y').group(0) == '', re.search('^b', 'ab'))
                print(re.match(b'[a-c]+', b'abcd').group(0), re.match('.', '\\u00e9a') is None)
                """);
        assertEquals("""
                ann@host ann host None ('ann', 'host', None) (4, 8) 0 3
                aab abcd
                <match num=1> True None
                b'abc' False
                """, run.out, run.err);
    }

    @Test
    void debugFlagListsTheCompiledProgram() {
        PythonRun run = PythonRun.of("""
                import re
                r = re.compile('[^a-z]x*?$', re.DEBUG)
                print(r.match('5xx') is not None, re.DEBUG)
                """);
        assertEquals("""
                 0: rsplit 5 (3)
                 2: any
                 3: jmp 0 (-5)
                 5: save 0
                 7: classnot 1 0x61-0x7a
                11: rsplit 17 (4)
                13: char x
                15: jmp 11 (-6)
                17: assert eol
                18: save 1
                20: match
                Bytes: 21, insts: 11
                True 4096
                """, run.out, run.err);
    }

    @Test
    void rejectsWhatMicroPythonRejects() {
        PythonRun run = PythonRun.of("""
                import re
                for p in ('*', 'a**', '(a', 'a)', '[a', 'a\\\\', '(?P<n>a)', '[' + 'x' * 128 + ']', '(a)' * 64, 'b' * 63 + '|a'):
                    try:
                        re.compile(p)
                        print('ok')
                    except ValueError as e:
                        print(e)
                print(re.compile('[' + 'x' * 127 + ']') is not None, re.compile('(a)' * 63) is not None)
                """);
        assertEquals("error in regex\n".repeat(10) + "True True\n", run.out, run.err);
    }

    @Test
    void splitsAndSubstitutes() {
        PythonRun run = PythonRun.of("""
                import re
                print(re.compile(' +').split('a b   c', 1), re.compile('x*').split('axb'))
                print(re.sub('(a)(b)?', r'[\\2\\g<1>]', 'abac'), re.sub('a', lambda m: 'A', 'banana', 2))
                print(re.sub('z', 'y', 'abc'), re.sub(b'a', b'\\\\\\\\', b'cat'))
                for call in (lambda: re.compile('(a)').split('bab'), lambda: re.sub('(a)', r'\\5', 'a'),
                             lambda: re.match('a', 'a').group(1), lambda: re.match(1, 'a')):
                    try:
                        call()
                    except Exception as e:
                        print(type(e).__name__, e)
                """);
        assertEquals("""
                ['a', 'b   c'] ['axb']
                [ba][a]c bAnAna
                abc b'c\\\\t'
                NotImplementedError splitting with sub-captures
                IndexError 5
                IndexError 1
                TypeError can't convert 'int' object to str implicitly
                """, run.out, run.err);
    }

    @Test
    void endlessRepetitionRaisesRuntimeErrorNotAJavaError() {
        PythonRun run = PythonRun.of("""
                import re
                for p in ('(a*)*', '(a|)+b', '(a?)*x'):
                    try:
                        re.match(p, 'aaa')
                    except RuntimeError as e:
                        print(e)
                print(len(re.match('a*', 'a' * 20000).group(0)))
                """);
        assertEquals("maximum recursion depth exceeded\n".repeat(3) + "20000\n", run.out, run.err);
    }
}
