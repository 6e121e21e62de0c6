package io.github.civis.codegen.importer;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.catalog.TypeRef;

/**
 * The type names a catalog has given, by the side where each type is used, as the overlay names
 * sides: {@code "VERB /route"} for a response, {@code "Owner.property"} for a property's type
 * (the owner of a request body's property is its request type without {@code Request}). The
 * committed catalog is the record: it holds every name it ever gave, since an import keeps them all.
 */
final class NameRecord {

    private final Map<String, String> nameBySide = new TreeMap<>();
    private final Map<String, String> sideByName = new TreeMap<>();

    private NameRecord() {
    }

    /** The names given by {@code catalog}; none when it is {@code null}. */
    static NameRecord of(@Nullable Catalog catalog) {
        NameRecord record = new NameRecord();
        if (catalog == null) {
            return record;
        }
        for (CatalogOperation op : catalog.operations()) {
            record.add(op.verb() + " " + op.route(), op.responseType());
            if (op.requestType() != null) {
                String stem = op.requestType().substring(0, op.requestType().length() - "Request".length());
                for (CatalogParameter p : op.parameters("body")) {
                    record.add(stem + "." + p.wireName(), p.type());
                }
            }
        }
        for (CatalogType type : catalog.types()) {
            for (CatalogField field : type.fields()) {
                record.add(type.name() + "." + field.wireName(), field.type());
            }
        }
        return record;
    }

    private void add(String side, @Nullable String notation) {
        if (notation == null) {
            return;
        }
        TypeRef ref = TypeRef.parse(notation);
        if (ref.isNamed()) {
            nameBySide.putIfAbsent(side, ref.name());
            sideByName.putIfAbsent(ref.name(), side);
        }
        else if (ref.kind().equals("list") || ref.kind().equals("map")) {
            add(side, ref.name());
        }
    }

    /** The name of the type used at {@code side}, or {@code null} when the record has none there. */
    @Nullable String nameAt(String side) {
        return nameBySide.get(side);
    }

    /** A side where the type {@code name} is used, or {@code null} when the record has no such name in use. */
    @Nullable String sideOf(String name) {
        return sideByName.get(name);
    }
}
