package org.parley.archive;

import java.util.Objects;

/** A request the archive refuses, with the reason for the client; never a storage failure. */
public final class ArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ArchiveError error;

    /** @param message what was wrong, fit to send to the client (it never quotes stored content) */
    public ArchiveException(ArchiveError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    public ArchiveError error() {
        return error;
    }
}
