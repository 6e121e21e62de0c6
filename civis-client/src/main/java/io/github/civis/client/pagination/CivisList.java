package io.github.civis.client.pagination;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.error.CivisTypeMismatchException;
import io.github.civis.client.json.SecretValues;
import io.github.civis.client.pagination.PageInfo;

/**
 * A list the API returned: the elements, typed, plus the facts of the page they came from.
 * Like {@link io.github.civis.client.json.CivisObject} it keeps the JSON as sent; serialising it gives back the body.
 *
 * @param <T> the element type
 */
public final class CivisList<T> extends AbstractList<T> implements RandomAccess {

    private final JsonNode json;
    private final List<T> elements;
    private final PageInfo pageInfo;

    private CivisList(JsonNode json, List<T> elements, PageInfo pageInfo) {
        this.json = json;
        this.elements = elements;
        this.pageInfo = pageInfo;
    }

    /**
     * Reads a list body.
     * @param json the body as sent
     * @param pageInfo facts of the page, {@link PageInfo#none()} when the list is not paginated
     * @param element reads one element
     * @param <T> the element type
     * @return the list; when the body is not an array, the list keeps it and any element access
     *         reports the mismatch
     */
    public static <T> CivisList<T> read(JsonNode json, PageInfo pageInfo, Function<JsonNode, T> element) {
        if (!json.isArray()) {
            return new CivisList<>(json, null, pageInfo);
        }
        List<T> items = new ArrayList<>(json.size());
        for (JsonNode node : json) {
            items.add(element.apply(node));
        }
        return new CivisList<>(json, Collections.unmodifiableList(items), pageInfo);
    }

    /** The JSON the API sent, unchanged. */
    @JsonValue
    public JsonNode json() {
        return json;
    }

    /** Facts of the page this list came from ({@code X-Pagination-*} headers). */
    public PageInfo pageInfo() {
        return pageInfo;
    }

    /** Number of entries in the whole list on the server, when the API said. */
    public java.util.OptionalLong totalEntries() {
        Long total = pageInfo.totalEntries();
        return (total != null) ? java.util.OptionalLong.of(total) : java.util.OptionalLong.empty();
    }

    /** Number of pages on the server, when the API said. */
    public java.util.OptionalLong totalPages() {
        Long total = pageInfo.totalPages();
        return (total != null) ? java.util.OptionalLong.of(total) : java.util.OptionalLong.empty();
    }

    @Override
    public T get(int index) {
        return elements().get(index);
    }

    @Override
    public int size() {
        return elements().size();
    }

    private List<T> elements() {
        if (elements == null) {
            throw new CivisTypeMismatchException("response", "(body)", "array", json,
                    SecretValues.printable(json).toString());
        }
        return elements;
    }
}
