// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import dev.jkernels.Isa;
import dev.jkernels.NativeStatus;
import dev.jkernels.NativeUnavailableException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and loads libjkernels.so once per JVM, thread-safely (class-holder idiom), and keeps every
 * attempt with its error. Order:
 * <ol>
 *   <li>an explicit file ({@code jkernels.native.path} / {@code JKERNELS_NATIVE_PATH}); when set, it is
 *       the only place tried, so a misconfiguration is never papered over by another copy;
 *   <li>{@code System.loadLibrary("jkernels-<version>")} (java.library.path): the version is in the file
 *       name, as zstd-jni does, so a copy of another version installed there never shadows the jar's;
 *   <li>the copy inside the jar, extracted to {@code <tmpdir>/jkernels-<user>/libjkernels-<version>-<sha256>.so}:
 *       the content hash in the name lets every JVM reuse one file instead of piling up copies, and a file
 *       lock plus an atomic rename keep two JVMs extracting at once from seeing a half-written file.
 * </ol>
 * After loading, the library's version must be these classes' version, and every operation the Java side
 * knows must be described by the library exactly as its spec says ({@link OpRegistry#bind}); a mismatch
 * leaves the library unusable, with a reason naming the op. Not API.
 */
public final class NativeLibrary {
    /** The project version these classes were built as (from the parent pom, through a filtered resource). */
    public static final String VERSION = readVersion();
    /** The library's base name: System.loadLibrary's argument. */
    static final String LIBRARY_NAME = "jkernels-" + VERSION;
    private static final String LIBRARY_FILE = System.mapLibraryName(LIBRARY_NAME);

    private static String readVersion() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = NativeLibrary.class.getResourceAsStream("jkernels.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as "unknown" below
        }
        return p.getProperty("version", "unknown");
    }

    private NativeLibrary() {}

    private static final class Holder {
        static final NativeStatus STATUS = new Loader().load();
    }

    public static NativeStatus status() {
        return Holder.STATUS;
    }

    public static boolean isLoaded() {
        return status().loaded();
    }

    public static void requireLoaded() {
        if (!isLoaded()) {
            throw new NativeUnavailableException(status());
        }
    }

    public static Isa supportedIsa() {
        requireLoaded();
        return status().supportedIsa();
    }

    /** CPUs this process may use, as the native runtime counts them (affinity and cgroup quota). */
    public static int availableCpus() {
        requireLoaded();
        return NativeBridge.availableCpus();
    }

    /** The resource path of the bundled library for this JVM's platform, or null if none is bundled. */
    static String bundledResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        return os.startsWith("linux") && x64 ? "/META-INF/native/linux-x86_64/" + LIBRARY_FILE : null;
    }

    private static final class Loader {
        private final List<String> attempts = new ArrayList<>();
        private final Settings settings = Settings.system();

        /** Never throws: whatever goes wrong becomes an attempt, so AUTO can still fall back. */
        NativeStatus load() {
            boolean interrupted = Thread.interrupted(); // file channels refuse to work on an interrupted thread
            try {
                return loadAndVerify();
            } catch (RuntimeException | LinkageError e) {
                attempts.add("unexpected error while loading: " + e);
                return new NativeStatus(false, null, null, VERSION, null, attempts);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private NativeStatus loadAndVerify() {
            Optional<String> explicit = settings.nativePath();
            String source = explicit.isPresent() ? loadExplicit(explicit.get()) : loadDiscovered();
            if (source == null) {
                return new NativeStatus(false, null, null, VERSION, null, attempts);
            }
            String nativeVersion = null;
            try {
                nativeVersion = NativeBridge.version();
                verify(nativeVersion);
                Isa isa = Isa.values()[NativeBridge.supportedIsa()];
                attempts.add(source + ": loaded, version " + nativeVersion + ", ISA " + isa.settingName());
                return new NativeStatus(true, source, isa, VERSION, nativeVersion, attempts);
            } catch (UnsatisfiedLinkError e) {
                attempts.add(source + ": " + e.getMessage());
                return new NativeStatus(false, null, null, VERSION, nativeVersion, attempts);
            }
        }

        /** The library must be these classes' version, and describe every operation as its spec does. */
        private void verify(String nativeVersion) {
            if (!VERSION.equals(nativeVersion)) {
                throw new UnsatisfiedLinkError("jkernels version mismatch: the native library is " + nativeVersion
                        + ", the Java classes are " + VERSION + "; they come from different builds. Remove the stale "
                        + "library, or point " + Settings.Key.NATIVE_PATH.property + " at a matching one");
            }
            String mismatch = OpRegistry.bind(NativeBridge.ops());
            if (mismatch != null) {
                throw new UnsatisfiedLinkError(mismatch);
            }
        }

        private String loadExplicit(String path) {
            String what = Settings.Key.NATIVE_PATH.property + "=" + path;
            try {
                System.load(Path.of(path).toAbsolutePath().toString());
                return what;
            } catch (UnsatisfiedLinkError | SecurityException | java.nio.file.InvalidPathException e) {
                attempts.add(what + ": " + e.getMessage() + " (the only place tried while this is set)");
                return null;
            }
        }

        private String loadDiscovered() {
            try {
                System.loadLibrary(LIBRARY_NAME);
                return "java.library.path (" + findOnLibraryPath() + ")";
            } catch (UnsatisfiedLinkError | SecurityException e) {
                attempts.add("System.loadLibrary(\"" + LIBRARY_NAME + "\"): " + e.getMessage());
            }
            return loadFromJar();
        }

        private String loadFromJar() {
            String resource = bundledResource();
            if (resource == null) {
                attempts.add("jar: no bundled library for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + " (only linux-x86_64 is bundled)");
                return null;
            }
            Path file = null;
            try {
                byte[] bytes = readResource(resource);
                if (bytes == null) {
                    attempts.add("jar: resource " + resource + " not found on the class path");
                    return null;
                }
                file = extract(bytes);
                System.load(file.toString());
                return "jar " + NativeLibrary.class.getResource(resource) + " via " + file;
            } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
                String hint = String.valueOf(e.getMessage()).contains("failed to map segment")
                        ? " (the directory is probably on a noexec file system: point " + Settings.Key.TMPDIR.property
                                + " or " + Settings.Key.TMPDIR.environment + " at one that allows executables)"
                        : "";
                attempts.add("jar: " + (file == null ? "" : "loading " + file + ": ") + e + hint);
                return null;
            }
        }

        /** The file System.loadLibrary found, for messages; the JDK does not say. */
        private static String findOnLibraryPath() {
            String name = LIBRARY_FILE;
            for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate)) {
                    return candidate.toAbsolutePath().toString();
                }
            }
            return name;
        }

        private static byte[] readResource(String resource) throws IOException {
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                return in == null ? null : in.readAllBytes();
            }
        }

        /**
         * Returns the shared extracted file (its real path, so what was checked is what loads), writing it
         * first if no intact copy exists.
         */
        private Path extract(byte[] bytes) throws IOException {
            String hash = sha256(bytes).substring(0, 16);
            Path dir = privateDirectory();
            Path target = dir.resolve("lib" + LIBRARY_NAME + "-" + hash + ".so");
            if (isIntact(target, bytes)) {
                return target.toRealPath();
            }
            try (FileChannel lockFile = FileChannel.open(dir.resolve("lib" + LIBRARY_NAME + "-" + hash + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lockFile.lock(); // held until the channel closes; other JVMs wait here
                if (!isIntact(target, bytes)) { // another JVM may have written it while we waited
                    Path temp = Files.createTempFile(dir, "lib" + LIBRARY_NAME + "-" + hash + "-", ".tmp");
                    try {
                        Files.write(temp, bytes);
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
            }
            return target.toRealPath();
        }

        /**
         * {@code <tmpdir>/jkernels-<user>}, created owner-only. Refuses a symbolic link, a directory owned by
         * someone else, or one that others may write to: whoever can write there can replace the library.
         */
        private Path privateDirectory() throws IOException {
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
            Path base = Path.of(settings.tmpDir()).toAbsolutePath();
            Path dir = base.resolve("jkernels-" + user);
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Files.createDirectories(dir);
            }
            Files.createDirectories(base);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // checked below
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                throw new IOException(dir + " is not a directory (a symbolic link?); refusing to load a library from it");
            }
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(dir + " is writable by others (" + PosixFilePermissions.toString(permissions)
                        + "); refusing to load a library from it");
            }
            Path probe = Files.createTempFile(dir, ".owner-", ".probe");
            try {
                if (!attributes.owner().equals(Files.getOwner(probe))) {
                    throw new IOException(dir + " belongs to " + attributes.owner().getName() + ", not to this user");
                }
            } finally {
                Files.deleteIfExists(probe);
            }
            return dir;
        }

        private static boolean isIntact(Path file, byte[] expected) throws IOException {
            return Files.isRegularFile(file) && Files.size(file) == expected.length
                    && Arrays.equals(Files.readAllBytes(file), expected);
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
        }
    }
}
