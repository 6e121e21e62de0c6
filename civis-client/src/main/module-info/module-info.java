/**
 * The Civis Platform API client: the entry point ({@link io.github.civis.client.CivisClient}), the
 * generated API groups and value types, the workflows (runs, files, SQL, tables, lookups), and the
 * options, results and exceptions they use. Packages not exported here are the client's internals.
 */
module io.github.civis.client {
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive spring.core;
    requires transitive spring.web;
    requires transitive spring.webflux;
    requires transitive reactor.netty.http;
    requires transitive reactor.netty.core;
    requires transitive io.netty.buffer;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;
    requires transitive tools.jackson.core;
    requires transitive tools.jackson.databind;
    requires tools.jackson.dataformat.csv;
    requires transitive com.fasterxml.jackson.annotation;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec.http;
    requires org.apache.commons.logging;
    requires static transitive org.jspecify;
    // Only for a client built with blockingIo(true).
    requires static org.apache.httpcomponents.client5.httpclient5;
    requires static org.apache.httpcomponents.core5.httpcore5;

    exports io.github.civis.client;
    exports io.github.civis.client.api;
    exports io.github.civis.client.model;
    exports io.github.civis.client.request;
    exports io.github.civis.client.error;
    exports io.github.civis.client.files;
    exports io.github.civis.client.runs;
    exports io.github.civis.client.sql;
    exports io.github.civis.client.tables;
    exports io.github.civis.client.lookup;
    exports io.github.civis.client.observation;
    exports io.github.civis.client.pagination;
    exports io.github.civis.client.retry;
    exports io.github.civis.client.ratelimit;
    exports io.github.civis.client.json;
    exports io.github.civis.client.transport;

    // Value types are read and written by Jackson through reflection.
    opens io.github.civis.client.model to tools.jackson.databind;
    opens io.github.civis.client.request to tools.jackson.databind;
    opens io.github.civis.client.json to tools.jackson.databind;
}
