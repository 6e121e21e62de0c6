/**
 * Auto-configuration of Civis file uploads and downloads: {@code civis.files.*} settings and the
 * {@code civisFileTransfers} / {@code reactiveCivisFileTransfers} beans.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.files;

import org.jspecify.annotations.NullMarked;
