/**
 * Not an API: the engine behind the file transfers (storage connections, uploads in parts,
 * resumed downloads, the writer of downloaded files). May change in any release.
 */
@NullMarked
package io.github.civis.client.internal.files;

import org.jspecify.annotations.NullMarked;
