package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SslModuleTest {
    /** A P-256 key (PKCS#8 DER) and its self-signed certificate for CN=localhost (DER), made for these tests. */
    private static final String KEY = "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b020101042053219346041e9e31ceec3898adb5f3b6959e32cb505bdae614e6ff9e6e95f5f2a14403420004a1a4593d2f7160edf5da451c29c9ed1f6f132ffa788ace86508937e2ef66e76142131670ca82cf8069134e0eada3bbaadde162c4ba008b95aa1cb4c89ef931ca";
    private static final String CERT = "3082017e30820125a0030201020214116f1ac7d52a558dcad6bbc47c0f6deeb51a7a88300a06082a8648ce3d04030230143112301006035504030c096c6f63616c686f73743020170d3236313132343032353530375a180f32313236313033313032353530375a30143112301006035504030c096c6f63616c686f73743059301306072a8648ce3d020106082a8648ce3d03010703420004a1a4593d2f7160edf5da451c29c9ed1f6f132ffa788ace86508937e2ef66e76142131670ca82cf8069134e0eada3bbaadde162c4ba008b95aa1cb4c89ef931caa3533051301d0603551d0e04160414f55ce5121e0795742c9a8aad918321afbb010341301f0603551d23041830168014f55ce5121e0795742c9a8aad918321afbb010341300f0603551d130101ff040530030101ff300a06082a8648ce3d040302034700304402204c7e9c91f350ccec755ade8f7b69b370b91f479c54ca0d4a2ac16b7868e4faa1022079e4fecf29b570e0f357b3b17a1f189b54b6b075db5f3d8a489e86b8c5a8f875";

    private static final String MATERIAL = "KEY = bytes.fromhex('" + KEY + "')\nCERT = bytes.fromhex('" + CERT + "')\n";

    @Test
    void contextsCheckTheirArguments() {
        PythonRun run = PythonRun.of(MATERIAL + """
                import ssl, tls, io
                print(ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).verify_mode == ssl.CERT_NONE)
                ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
                print(ctx, ctx.verify_mode == tls.CERT_REQUIRED)
                ctx.verify_mode = tls.CERT_OPTIONAL
                print(ctx.verify_mode)
                for bad in (lambda: tls.SSLContext(), lambda: ctx.load_cert_chain(None, KEY)):
                    try:
                        bad()
                    except TypeError as e:
                        print('TypeError', e)
                for key, cert in ((b'!', CERT), (KEY, b'!')):
                    try:
                        ctx.load_cert_chain(cert, key)
                    except ValueError as e:
                        print(repr(e))
                try:
                    ctx.load_verify_locations(cadata=b'?')
                except ValueError as e:
                    print(repr(e))
                try:
                    ctx.x = 1
                except AttributeError:
                    print('AttributeError')
                try:
                    ssl.wrap_socket(io.BytesIO(), server_hostname='x')
                except OSError:
                    print('OSError')
                """);
        assertEquals("True\n<SSLContext> True\n1\nTypeError function takes 1 positional arguments but 0 were given\n"
                + "TypeError can't convert 'NoneType' object to str implicitly\nValueError('invalid key',)\n"
                + "ValueError('invalid cert',)\nValueError('invalid cert',)\nAttributeError\nOSError\n", run.out, run.err);
    }

    @Test
    void tlsEchoOverLoopbackWithAVerifiedServer() {
        PythonRun run = PythonRun.of(MATERIAL + """
                import asyncio, ssl
                async def echo(reader, writer):
                    line = await reader.readline()
                    writer.write(b'echo ' + line)
                    await writer.drain()
                    await writer.wait_closed()
                async def main():
                    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                    server_ctx.load_cert_chain(CERT, KEY)
                    server = await asyncio.start_server(echo, '127.0.0.1', 18715, ssl=server_ctx)
                    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    client_ctx.load_verify_locations(cadata=CERT)
                    reader, writer = await asyncio.open_connection('127.0.0.1', 18715, ssl=client_ctx, server_hostname='localhost')
                    writer.write(b'hello\\n')
                    await writer.drain()
                    print(await reader.readline())
                    print(writer.s.getpeercert(True) == CERT)
                    await writer.wait_closed()
                    server.close()
                    await server.wait_closed()
                asyncio.run(main())
                """);
        assertEquals("b'echo hello\\n'\nTrue\n", run.out, run.err);
    }

    @Test
    void clientsRefuseAWrongHostnameOrAnUntrustedCertificate() {
        PythonRun run = PythonRun.of(MATERIAL + """
                import asyncio, ssl
                async def handle(reader, writer):
                    try:
                        await reader.readline()
                    except OSError:
                        print('server saw the failed handshake')
                    await writer.wait_closed()
                async def main():
                    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                    server_ctx.load_cert_chain(CERT, KEY)
                    server = await asyncio.start_server(handle, '127.0.0.1', 18720, ssl=server_ctx)
                    for name, trusted in (('wrong.example', True), ('localhost', False)):
                        client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                        if trusted:
                            client_ctx.load_verify_locations(cadata=CERT)
                        reader, writer = await asyncio.open_connection('127.0.0.1', 18720, ssl=client_ctx, server_hostname=name)
                        try:
                            writer.write(b'hello\\n')
                            await writer.drain()
                            print(await reader.readline())
                        except OSError as e:
                            print('client refused', name)
                        await writer.wait_closed()
                        await asyncio.sleep_ms(100)
                    server.close()
                    await server.wait_closed()
                asyncio.run(main())
                """);
        assertEquals("client refused wrong.example\nserver saw the failed handshake\n"
                + "client refused localhost\nserver saw the failed handshake\n", run.out, run.err);
    }
}
