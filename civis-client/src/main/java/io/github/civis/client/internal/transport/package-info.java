/**
 * Not an API: the WebClient transport behind every call, with its settings. May change in any release.
 */
@NullMarked
package io.github.civis.client.internal.transport;

import org.jspecify.annotations.NullMarked;
