package io.github.civis.codegen.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.catalog.TypeRef;
import io.github.civis.catalog.naming.Names;

/**
 * Every name the Java API generated from a catalog gives, with the signature code that uses it
 * relies on: interfaces, methods (with their parameters and result), operation constants, types
 * and their members (with their value types), request types and their setters. A catalog whose
 * names contain all of an earlier one's compiles every caller of the earlier API.
 */
public final class ApiNames {

    private ApiNames() {
    }

    /**
     * The names of the API generated from {@code catalog}, one a line, e.g.
     * {@code method TablesApi.get(long): Table}, {@code member Table.columns: list<TableColumn>}.
     */
    public static SortedSet<String> of(Catalog catalog) {
        SortedSet<String> names = new TreeSet<>();
        for (CatalogType type : catalog.types()) {
            names.add("type " + type.name() + " (" + type.role() + ")");
            for (CatalogField field : type.fields()) {
                names.add("member " + type.name() + "." + field.javaName() + ": " + field.type());
            }
        }
        for (CatalogGroup group : catalog.groups()) {
            String operations = group.javaName() + "Operations";
            for (boolean reactive : new boolean[] { false, true }) {
                String api = (reactive ? "Reactive" : "") + group.javaName() + "Api";
                names.add("interface " + api);
                for (CatalogOperation op : group.operations()) {
                    methods(names, api, op, reactive);
                }
            }
            for (CatalogOperation op : group.operations()) {
                names.add("constant " + operations + "." + Names.constant(op.name()));
                if (op.requestType() != null) {
                    names.add("type " + op.requestType() + " (request)");
                    for (CatalogParameter p : op.parameters()) {
                        if (!p.in().equals("path")) {
                            names.add("member " + op.requestType() + "." + p.javaName() + ": " + p.type());
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void methods(SortedSet<String> names, String api, CatalogOperation op, boolean reactive) {
        String result = op.responseType() == null ? "void" : op.responseType();
        String wrapped = reactive ? "mono<" + result + ">" : result;
        List<String> javaNames = new ArrayList<>();
        javaNames.add(op.javaName());
        if (op.getName() != null) {
            javaNames.add(op.getName());
        }
        for (String name : javaNames) {
            overloads(names, api, op, name, wrapped);
        }
        if (op.paginated() && op.responseType() != null && TypeRef.parse(op.responseType()).isList()) {
            String element = TypeRef.parse(op.responseType()).name();
            overloads(names, api, op, ApiWriter.allName(op), (reactive ? "flux<" : "stream<") + element + ">");
        }
    }

    private static void overloads(SortedSet<String> names, String api, CatalogOperation op, String name, String result) {
        List<String> path = op.parameters("path").stream().map(p -> p.type().equals("integer") ? "long" : "String").toList();
        String prefix = "method " + api + "." + name + "(" + String.join(", ", path);
        String separator = path.isEmpty() ? "" : ", ";
        if (op.requestType() == null) {
            names.add(prefix + "): " + result);
            return;
        }
        names.add(prefix + separator + op.requestType() + "): " + result);
        boolean optional = op.parameters().stream().noneMatch(p -> !p.in().equals("path") && p.required());
        if (optional) {
            names.add(prefix + "): " + result);
        }
    }
}
