/**
 * Moving files in and out of Civis: streamed uploads (presigned form or parallel multipart) and
 * downloads with constant memory, over storage URLs that never see the API key.
 */
@NullMarked
package io.github.civis.client.files;

import org.jspecify.annotations.NullMarked;
