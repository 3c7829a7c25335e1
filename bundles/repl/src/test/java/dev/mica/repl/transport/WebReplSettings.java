package dev.mica.repl.transport;

import java.lang.annotation.Annotation;

/** A WebREPL configuration for tests: a free port on loopback, settings changed field by field. */
final class WebReplSettings implements WebReplConfiguration {
    /** The component properties of a configured listener. */
    static final java.util.Map<String, Object> CONFIGURED = java.util.Map.of("service.pid", "dev.mica.repl.webrepl~test");
    String password = "secret1";
    String storage;
    String app = "";
    int maxConnections = 4;
    long maxUpload = 1 << 20;
    int maxFrame = 64 * 1024;
    int loginAttempts = 3;
    int loginBlockSeconds = 60;
    int loginTimeoutSeconds = 20;
    String keystore = "";
    String keystorePassword = "";

    WebReplSettings(String storage) {
        this.storage = storage;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return WebReplConfiguration.class;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String app() {
        return app;
    }

    @Override
    public String storage() {
        return storage;
    }

    @Override
    public int max_connections() {
        return maxConnections;
    }

    @Override
    public long max_upload_size() {
        return maxUpload;
    }

    @Override
    public int max_frame_size() {
        return maxFrame;
    }

    @Override
    public int login_attempts() {
        return loginAttempts;
    }

    @Override
    public int login_block_seconds() {
        return loginBlockSeconds;
    }

    @Override
    public int login_timeout_seconds() {
        return loginTimeoutSeconds;
    }

    @Override
    public String tls_keystore() {
        return keystore;
    }

    @Override
    public String tls_keystore_password() {
        return keystorePassword;
    }

    @Override
    public String tls_keystore_type() {
        return "PKCS12";
    }

    @Override
    public String client_url() {
        return "";
    }
}
