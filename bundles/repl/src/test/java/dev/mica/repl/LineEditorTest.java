package dev.mica.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineEditorTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private String completion = "";
    private final LineEditor editor = new LineEditor(screen, (line, out) -> completion);

    /** Types the keys; returns the result of the last one. */
    private int type(String keys) throws IOException {
        int result = LineEditor.MORE;
        for (char c : keys.toCharArray()) {
            result = editor.feed(c);
        }
        return result;
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void typedTextIsEchoedAndEnterEndsTheLine() throws IOException {
        editor.start(">>> ");
        assertEquals(LineEditor.ENTER, type("x = 1\r"));
        assertEquals("x = 1", editor.text());
        assertEquals(">>> x = 1\r\n", screen());
    }

    @Test
    void controlKeysOnAnEmptyLineAreReturned() throws IOException {
        editor.start(">>> ");
        assertEquals(LineEditor.CTRL_D, type("\u0004"));
        assertEquals(LineEditor.CTRL_E, type("\u0005"));
        assertEquals(LineEditor.CTRL_C, type("ab\u0003"));
    }

    @Test
    void emacsKeysMoveAndEdit() throws IOException {
        editor.start("");
        type("t = 1\u00022");
        assertEquals("t = 21", editor.text());
        editor.start("");
        // 'boofar', kill to end after 'boo', home, forward, delete 'b', end, 'bar'
        type("'boofar\u0002\u0002\u0002\u000b\u0001\u0006\u0004f\u0005bar'");
        assertEquals("'foobar'", editor.text());
    }

    @Test
    void historyIsWalkedWithArrowsAndCtrlPN() throws IOException {
        for (String line : new String[] {"1", "2", "3"}) {
            editor.start("");
            type(line + "\r");
        }
        editor.start("");
        type("\u0010\u0010\u0010");
        assertEquals("1", editor.text());
        type("\u000e");
        assertEquals("2", editor.text());
        editor.start("");
        type("\u001b[A");
        assertEquals("3", editor.text());
        type("\u001b[B");
        assertEquals("", editor.text());
    }

    @Test
    void repeatedAndEmptyLinesAreNotRemembered() throws IOException {
        for (String line : new String[] {"a", "a", ""}) {
            editor.start("");
            type(line + "\r");
        }
        editor.start("");
        type("\u0010\u0010");
        assertEquals("a", editor.text());
    }

    @Test
    void wordMotionAndKilling() throws IOException {
        editor.start("");
        type("234\u001bb1");
        assertEquals("1234", editor.text());
        editor.start("");
        type("100 + 45623\u0002\u0002\u001b\u007f");
        assertEquals("100 + 23", editor.text());
        editor.start("");
        type("100 + 256\u0002\u0002\u001bd3");
        assertEquals("100 + 23", editor.text());
        editor.start("");
        type("12\u0002\u0002\u001b[1;5C3");
        assertEquals("123", editor.text());
        editor.start("");
        type("123\u00171");
        assertEquals("1", editor.text());
    }

    @Test
    void continuationLinesAreIndentedAfterAColonAndStopAfterTwoBlankLines() throws IOException {
        editor.start(">>> ");
        type("if 1:\r");
        editor.continueWith("... ");
        assertEquals("if 1:\n    ", editor.text());
        type("print(1)\r");
        editor.continueWith("... ");
        assertEquals("if 1:\n    print(1)\n    ", editor.text());
        type("\r");
        editor.continueWith("... ");
        type("\r");
        editor.continueWith("... ");
        assertEquals("if 1:\n    print(1)\n    \n    \n", editor.text());
    }

    @Test
    void aSpaceAfterTheAutomaticIndentLeavesOneSpace() throws IOException {
        editor.start("");
        type("if 0:\r");
        editor.continueWith("");
        type(" x\r");
        assertEquals("if 0:\n x", editor.text());
    }

    @Test
    void backspaceRemovesAWholeIndentLevel() throws IOException {
        editor.start("");
        type("def f():\r");
        editor.continueWith("");
        type("\u007f");
        assertEquals("def f():\n", editor.text());
    }

    @Test
    void tabCompletesOrIndents() throws IOException {
        completion = "git";
        editor.start("");
        type("x.isdi\t()");
        assertEquals("x.isdigit()", editor.text());
        editor.start("");
        type("x = \t");
        assertEquals("x =     ", editor.text());
    }
}
