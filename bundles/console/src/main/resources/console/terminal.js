'use strict';
// The REPL terminal: a small terminal emulator in plain JavaScript speaking MicroPython's WebREPL
// protocol (text frames) to the gateway's WebREPL listener. The console's API issues a one-time
// ticket, which the terminal sends where a WebREPL client sends the password.

// A screen of lines with a cursor; understands what the REPL's line editor writes: text, CR, LF,
// BS (cursor left), TAB, ESC [ n D/C/A/B (cursor moves), ESC [ K (erase to the end of the line),
// ESC [ H / ESC [ 2 J; other escape sequences (colours) are dropped.
class TerminalScreen {
  constructor(maxLines) {
    this.maxLines = maxLines || 2000;
    this.clear();
  }

  clear() {
    this.lines = [[]];
    this.row = 0;
    this.col = 0;
    this.escape = null; // null, or the escape sequence read so far
  }

  write(text) {
    for (const ch of text) {
      if (this.escape !== null) {
        this.escapeChar(ch);
      } else if (ch === '\x1b') {
        this.escape = '';
      } else if (ch === '\r') {
        this.col = 0;
      } else if (ch === '\n') {
        this.lineFeed();
      } else if (ch === '\b') {
        if (this.col > 0) this.col--;
      } else if (ch === '\t') {
        const next = (Math.floor(this.col / 8) + 1) * 8;
        while (this.col < next) this.put(' ');
      } else if (ch >= ' ' || ch > '\x7f') {
        if (ch !== '\x7f') this.put(ch);
      }
      // other control characters (bell, the raw REPL's ^D markers) are not shown
    }
  }

  put(ch) {
    const line = this.lines[this.row];
    while (line.length < this.col) line.push(' ');
    line[this.col] = ch;
    this.col++;
  }

  lineFeed() {
    this.row++;
    if (this.row === this.lines.length) this.lines.push([]);
    if (this.lines.length > this.maxLines) {
      const drop = this.lines.length - this.maxLines;
      this.lines.splice(0, drop);
      this.row -= drop;
    }
  }

  escapeChar(ch) {
    if (this.escape === '') {
      if (ch === '[') { this.escape = '['; return; }
      this.escape = null; // a two-character sequence (ESC x): nothing to show
      return;
    }
    if (/[0-9;?]/.test(ch)) {
      this.escape += ch;
      return;
    }
    const params = this.escape.substring(1);
    this.escape = null;
    const n = parseInt(params, 10);
    const count = isNaN(n) || n < 1 ? 1 : n;
    const line = this.lines[this.row];
    switch (ch) {
      case 'D': this.col = Math.max(0, this.col - count); break;
      case 'C': this.col += count; break;
      case 'A': this.row = Math.max(0, this.row - count); break;
      case 'B': this.row = Math.min(this.lines.length - 1, this.row + count); break;
      case 'K':
        if (isNaN(n) || n === 0) line.length = Math.min(line.length, this.col);
        else if (n === 1) for (let i = 0; i < Math.min(this.col + 1, line.length); i++) line[i] = ' ';
        else line.length = 0;
        break;
      case 'H': this.col = 0; break; // 'home' of a scrolling REPL: the start of the current line
      case 'J': if (n === 2) this.clear(); break;
      default: break; // colours and the rest
    }
  }

  // The text before the cursor, the character under it and the text after it.
  parts() {
    const before = this.lines.slice(0, this.row).map((l) => l.join('')).join('\n') + (this.row > 0 ? '\n' : '');
    const line = this.lines[this.row];
    const padded = line.length < this.col ? line.concat(Array(this.col - line.length).fill(' ')) : line;
    const atCursor = padded[this.col] || ' ';
    const after = padded.slice(this.col + 1).join('') + (this.row < this.lines.length - 1 ? '\n' : '')
      + this.lines.slice(this.row + 1).map((l) => l.join('')).join('\n');
    return [before + padded.slice(0, this.col).join(''), atCursor, after];
  }

  text() {
    return this.lines.map((l) => l.join('')).join('\n');
  }
}

// What a key press sends to the REPL, as a terminal would: null when the browser should handle it.
function terminalKey(e) {
  if (e.metaKey) return null;
  if (e.ctrlKey && !e.altKey) {
    const key = e.key.length === 1 ? e.key.toLowerCase() : '';
    // Ctrl-C with text selected copies it; Ctrl-V pastes (the paste event sends it)
    if (key === 'c' && String(window.getSelection()).length > 0) return null;
    if (key === 'v') return null;
    if (key >= 'a' && key <= 'z') return String.fromCharCode(key.charCodeAt(0) - 96);
    return null;
  }
  switch (e.key) {
    case 'Enter': return '\r';
    case 'Backspace': return '\x7f';
    case 'Tab': return '\t';
    case 'Escape': return '\x1b';
    case 'ArrowUp': return '\x1b[A';
    case 'ArrowDown': return '\x1b[B';
    case 'ArrowRight': return '\x1b[C';
    case 'ArrowLeft': return '\x1b[D';
    case 'Home': return '\x1b[H';
    case 'End': return '\x1b[F';
    case 'Delete': return '\x1b[3~';
    default: break;
  }
  if (e.key.length === 1 || (e.key.length === 2 && e.key.codePointAt(0) > 0xffff)) {
    return e.altKey ? '\x1b' + e.key : e.key;
  }
  return null;
}

// The terminal on the REPL page: target selector, connect/disconnect, the screen.
const replTerminal = {
  socket: null,
  screen: new TerminalScreen(2000),
  renderQueued: false,

  mount() {
    if (this.view) return;
    const root = document.getElementById('repl-terminal');
    this.view = document.getElementById('repl-screen');
    this.status = document.getElementById('repl-status');
    this.view.addEventListener('keydown', (e) => {
      const sent = terminalKey(e);
      if (sent === null) return;
      e.preventDefault();
      this.send(sent);
    });
    // a focused element that is not editable may not be the paste event's target: listen on the document
    document.addEventListener('paste', (e) => {
      if (document.activeElement !== this.view) return;
      e.preventDefault();
      const text = (e.clipboardData || window.clipboardData).getData('text');
      // the REPL takes CR as the end of a line, as a serial terminal sends it
      this.send(text.replace(/\r\n|\n/g, '\r'));
    });
    document.getElementById('repl-connect').addEventListener('click', () => this.connect().catch((e) => this.failed(e)));
    document.getElementById('repl-disconnect').addEventListener('click', () => this.disconnect());
    root.hidden = false;
    this.render();
  },

  async show() {
    this.mount();
    const select = document.getElementById('repl-target');
    const chosen = select.value;
    const apps = await api('GET', '/apps');
    select.replaceChildren(el('option', 'fresh interpreter', { value: '' }),
      ...apps.map((a) => el('option', 'app ' + a.name, { value: a.name })));
    if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
    if (state.role !== 'admin') {
      this.setStatus('Only admins get a REPL.');
      document.getElementById('repl-connect').disabled = true;
      return;
    }
    const info = await api('GET', '/repl');
    document.getElementById('repl-connect').disabled = !info.available;
    if (!this.socket) this.setStatus(info.available ? 'Not connected.' : 'No REPL: ' + info.reason);
  },

  setStatus(text) {
    this.status.textContent = text;
  },

  failed(error) {
    this.setStatus('No REPL: ' + error.message + (error.reasons && error.reasons.length ? ' (' + error.reasons.join('; ') + ')' : ''));
  },

  async connect() {
    this.disconnect();
    const app = document.getElementById('repl-target').value;
    const grant = await api('POST', '/repl/ticket', { app });
    const scheme = grant.tls ? 'wss' : 'ws';
    if (location.protocol === 'https:' && !grant.tls) throw new Error('the WebREPL has no TLS and this page is https');
    const socket = new WebSocket(scheme + '://' + location.hostname + ':' + grant.port + '/');
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let loggedIn = false;
    let pending = '';
    this.setStatus('Connecting to ' + (app ? 'app ' + app : 'a fresh interpreter') + '...');
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string' || socket !== this.socket) return; // binary frames: file transfers
      if (!loggedIn) {
        pending += event.data;
        const at = pending.indexOf('Password: ');
        if (at < 0) return;
        loggedIn = true;
        socket.send(grant.ticket + '\r');
        pending = pending.substring(at + 'Password: '.length);
        if (!pending) return;
        event = { data: pending };
      }
      if (event.data.includes('WebREPL connected')) {
        this.setStatus('Connected to ' + (app ? 'app ' + app : 'a fresh interpreter') + ' (' + scheme + '://, port ' + grant.port + ').');
        this.view.focus();
      }
      this.screen.write(event.data);
      this.queueRender();
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.screen.write('\r\n[disconnected]\r\n');
      this.queueRender();
      this.setStatus('Not connected.');
    };
    socket.onerror = () => {
      if (socket === this.socket) this.setStatus('The WebREPL connection failed (' + scheme + '://' + location.hostname + ':' + grant.port + ').');
    };
  },

  disconnect() {
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close();
      this.screen.write('\r\n[disconnected]\r\n');
      this.queueRender();
      this.setStatus('Not connected.');
    }
  },

  send(text) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  },

  queueRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => { this.renderQueued = false; this.render(); });
  },

  render() {
    const [before, atCursor, after] = this.screen.parts();
    const cursor = el('span', atCursor, { class: 'cursor' });
    this.view.replaceChildren(document.createTextNode(before), cursor, document.createTextNode(after));
    this.view.scrollTop = this.view.scrollHeight;
  },
};
