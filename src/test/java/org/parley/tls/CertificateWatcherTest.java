package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateWatcherTest {

    @TempDir
    Path dir;

    private final AtomicInteger changes = new AtomicInteger();

    @Test
    void nothingHappensWhileTheFilesStayTheSame() throws Exception {
        Path cert = write("cert.pem", "one");
        CertificateWatcher watcher = new CertificateWatcher(List.of(cert), changes::incrementAndGet);

        assertThat(watcher.check()).isFalse();
        assertThat(changes).hasValue(0);
    }

    @Test
    void aFileReplacedByARenameIsAChangeOnce() throws Exception {
        Path cert = write("cert.pem", "one");
        CertificateWatcher watcher = new CertificateWatcher(List.of(cert), changes::incrementAndGet);
        // same size, and possibly the same modification time: the new inode tells
        Files.move(write("new.pem", "two"), cert, StandardCopyOption.REPLACE_EXISTING);

        assertThat(watcher.check()).isTrue();
        assertThat(watcher.check()).isFalse();
        assertThat(changes).hasValue(1);
    }

    @Test
    void aSymbolicLinkPointedElsewhereIsAChange() throws Exception {
        Path first = write("fullchain1.pem", "one");
        Path second = write("fullchain2.pem", "two");
        Path link = Files.createSymbolicLink(dir.resolve("fullchain.pem"), first);
        CertificateWatcher watcher = new CertificateWatcher(List.of(link), changes::incrementAndGet);
        Files.delete(link);
        Files.createSymbolicLink(link, second);

        assertThat(watcher.check()).isTrue();
        assertThat(CertificateWatcher.stamp(link).realPath()).isEqualTo(second.toRealPath().toString());
    }

    @Test
    void aFileThatDisappearsAndComesBackIsSeenBothTimes() throws Exception {
        Path cert = write("cert.pem", "one");
        CertificateWatcher watcher = new CertificateWatcher(List.of(cert), changes::incrementAndGet);
        Files.delete(cert);

        assertThat(watcher.check()).isTrue();
        assertThat(CertificateWatcher.stamp(cert)).isEqualTo(CertificateWatcher.Stamp.MISSING);
        write("cert.pem", "one again");
        assertThat(watcher.check()).isTrue();
        assertThat(changes).hasValue(2);
    }

    @Test
    void aFailingActionDoesNotStopTheChecks() throws Exception {
        Path cert = write("cert.pem", "one");
        CertificateWatcher watcher = new CertificateWatcher(List.of(cert), () -> {
            throw new IllegalStateException("boom");
        });
        write("cert.pem", "a longer text");

        assertThat(watcher.check()).isFalse();
        assertThat(watcher.check()).isFalse(); // the change was taken note of; no endless retries
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
