/**
 * What a call of the Civis API is: operation descriptors, call arguments, response readers, and the transport interface the generated API calls through.
 */
@NullMarked
package io.github.civis.client.transport;

import org.jspecify.annotations.NullMarked;
