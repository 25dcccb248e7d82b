package org.parley.storage;

/**
 * A failure of the storage infrastructure (SQL error, unreachable or corrupt database, failed migration), as
 * opposed to an expected outcome such as "already exists", which stores return as a value.
 *
 * <p>Unchecked: callers cannot recover from it locally. It is caught once, at the boundary that answers the
 * client, and logged there.
 */
public class StorageException extends RuntimeException {

    /** @param message what failed, with the key or path involved (never a credential) */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed, with the key or path involved (never a credential) */
    public StorageException(String message) {
        super(message);
    }
}
