/**
 * The JSON model of response and input types: objects that keep the JSON as the API sent it, and typed readers of its values.
 */
@NullMarked
package io.github.civis.client.json;

import org.jspecify.annotations.NullMarked;
