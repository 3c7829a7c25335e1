package dev.mica.console;

import dev.mica.gateway.api.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The console's users, kept in one properties file in the gateway's storage
 * ({@code state/console-users.properties}): per user {@code NAME=ROLE:HASH}. Only salted slow
 * hashes are stored. When the file does not exist, an admin with a random password is made
 * and the password handed back once, to be shown to the operator; it is stored nowhere else.
 */
final class UserStore {
    static final String FILE = "console-users.properties";
    static final String FIRST_ADMIN = "admin";
    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    record User(String name, Role role, String hash) {
    }

    private final Path file;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    /** A hash of no one's password, checked for unknown users so they cost the same time; made on first need. */
    private String dummyHash;
    // guarded by this
    private final Map<String, User> users = new TreeMap<>();

    UserStore(Path file, PasswordHasher hasher, SecureRandom random) {
        this.file = file;
        this.hasher = hasher;
        this.random = random;
    }

    static boolean isValidName(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    /**
     * Reads the users; when there is no file yet, makes the first admin.
     *
     * @return the first admin's generated password, or empty when the file existed
     */
    synchronized Optional<String> load() throws IOException {
        users.clear();
        if (!Files.exists(file)) {
            String password = generatePassword();
            users.put(FIRST_ADMIN, new User(FIRST_ADMIN, Role.ADMIN, hasher.hash(password.toCharArray())));
            save();
            return Optional.of(password);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            int colon = value.indexOf(':');
            Optional<Role> role = colon < 0 ? Optional.empty() : Role.parse(value.substring(0, colon));
            if (role.isEmpty() || !isValidName(name)) {
                throw new IOException(file + ": malformed entry for '" + name + "'");
            }
            users.put(name, new User(name, role.get(), value.substring(colon + 1)));
        }
        return Optional.empty();
    }

    /** The user if the password is theirs. An unknown user costs as much time as a known one. */
    Optional<User> authenticate(String name, char[] password) {
        User user;
        synchronized (this) {
            user = name == null ? null : users.get(name);
        }
        if (user == null) {
            hasher.verify(password, dummyHash()); // same work, so timing does not tell which names exist
            return Optional.empty();
        }
        return hasher.verify(password, user.hash()) ? Optional.of(user) : Optional.empty();
    }

    synchronized Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    synchronized Map<String, Role> roles() {
        Map<String, Role> roles = new TreeMap<>();
        users.values().forEach(user -> roles.put(user.name(), user.role()));
        return roles;
    }

    /** Adds a user or replaces one's role and password. */
    void put(String name, Role role, char[] password) throws IOException {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("a user name is 1 to 32 letters, digits, '_', '.' or '-': '" + name + "'");
        }
        checkPassword(password);
        String hash = hasher.hash(password);
        synchronized (this) {
            User previous = users.get(name);
            if (previous != null && previous.role() == Role.ADMIN && role != Role.ADMIN && adminCount() == 1) {
                throw new IllegalStateException("the last admin cannot become a viewer");
            }
            users.put(name, new User(name, role, hash));
            save();
        }
    }

    synchronized boolean remove(String name) throws IOException {
        User user = users.get(name);
        if (user == null) {
            return false;
        }
        if (user.role() == Role.ADMIN && adminCount() == 1) {
            throw new IllegalStateException("the last admin cannot be removed");
        }
        users.remove(name);
        save();
        return true;
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private int adminCount() {
        return (int) users.values().stream().filter(u -> u.role() == Role.ADMIN).count();
    }

    private synchronized String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hasher.hash(generatePassword().toCharArray());
        }
        return dummyHash;
    }

    private String generatePassword() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 20 characters, 120 bits
    }

    private void save() throws IOException {
        Properties properties = new Properties();
        users.values().forEach(u -> properties.setProperty(u.name(), u.role().id() + ":" + u.hash()));
        StringWriter text = new StringWriter();
        properties.store(text, "Mica console users: NAME=ROLE:PBKDF2 hash. Delete this file to get a new admin password.");
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
