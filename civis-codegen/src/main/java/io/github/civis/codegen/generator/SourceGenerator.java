package io.github.civis.codegen.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.lang.model.element.Modifier;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.catalog.TypeRef;
import io.github.civis.catalog.naming.Names;

/**
 * Generates the Java API from the catalog: per group a blocking and a reactive interface, their
 * implementations over the transport, and the operation descriptors; per type a response class
 * or an input builder; per operation with query or body parameters a request builder.
 *
 * <p>What it writes is meant to be read: no line over 150 characters (long calls wrap, long
 * Javadoc and string literals are cut at about 100 columns) and one operation can be followed from
 * its interface method (whose Javadoc ends with {@code @see CredentialsOperations#LIST_SHARES})
 * through the implementation (which calls the transport with that constant) to the descriptor,
 * an {@code OperationDescriptor.builder(...)} chain with one named step per line: the Java
 * method, the route, each parameter, then pagination, status and deprecation where they apply.
 *
 * <p>Usage: {@code SourceGenerator <sources directory> <resources directory> [<catalog.json>]}.
 */
public final class SourceGenerator {

    static final String BASE = "io.github.civis.client";
    static final String API = BASE + ".api";
    static final String MODEL = BASE + ".model";
    static final String REQUEST = BASE + ".request";

    /**
     * Where GraalVM's {@code native-image} finds the reflection metadata of the generated types
     * in the client jar, without Spring.
     */
    static final String REFLECT_CONFIG = "META-INF/native-image/io.github.civis/civis-client/reflect-config.json";

    static final ClassName JSON_NODE = ClassName.get("tools.jackson.databind", "JsonNode");
    static final ClassName OBJECT_NODE = ClassName.get("tools.jackson.databind.node", "ObjectNode");
    static final ClassName CIVIS_OBJECT = ClassName.get(BASE + ".json", "CivisObject");
    static final ClassName CIVIS_INPUT = ClassName.get(BASE + ".json", "CivisInput");
    static final ClassName CIVIS_LIST = ClassName.get(BASE + ".pagination", "CivisList");
    static final ClassName JSON_VALUES = ClassName.get(BASE + ".json", "JsonValues");
    static final ClassName CIVIS_REQUEST = ClassName.get(REQUEST, "CivisRequest");
    static final ClassName TRANSPORT = ClassName.get(BASE + ".transport", "CivisTransport");
    static final ClassName CALL_ARGUMENTS = ClassName.get(BASE + ".transport", "CallArguments");
    static final ClassName OPERATION = ClassName.get(BASE + ".transport", "OperationDescriptor");
    static final ClassName API_GROUP = ClassName.get(API, "ApiGroup");
    static final ClassName API_GROUPS = ClassName.get(API, "CivisApiGroups");
    static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
    static final ClassName RUNTIME_HINTS = ClassName.get("org.springframework.aot.hint", "RuntimeHints");
    static final ClassName RUNTIME_HINTS_REGISTRAR = ClassName.get("org.springframework.aot.hint", "RuntimeHintsRegistrar");
    static final ClassName MEMBER_CATEGORY = ClassName.get("org.springframework.aot.hint", "MemberCategory");
    static final ClassName JSON_CREATOR = ClassName.get("com.fasterxml.jackson.annotation", "JsonCreator");
    static final ClassName MONO = ClassName.get("reactor.core.publisher", "Mono");
    static final ClassName FLUX = ClassName.get("reactor.core.publisher", "Flux");
    static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");
    static final ClassName LIST = ClassName.get(List.class);
    static final ClassName MAP = ClassName.get(Map.class);
    static final ClassName SET = ClassName.get("java.util", "Set");
    static final ClassName CONSUMER = ClassName.get(Consumer.class);
    static final ClassName OVERRIDE = ClassName.get(Override.class);
    static final ClassName DEPRECATED = ClassName.get(Deprecated.class);

    private final Catalog catalog;
    private final Map<String, CatalogType> types;

    SourceGenerator(Catalog catalog) {
        this.catalog = catalog;
        this.types = catalog.typesByName();
    }

    /**
     * Command line: {@code <sources directory> <resources directory> [<catalog.json>]}. Without a
     * catalog file the generator reads the catalog that ships in {@code civis-catalog}
     * ({@link Catalog#bundled()}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: SourceGenerator <sources directory> <resources directory> [<catalog.json>]");
            System.exit(2);
        }
        Path sources = Path.of(args[0]);
        Path resources = Path.of(args[1]);
        Catalog catalog = (args.length == 3) ? Catalog.read(Path.of(args[2])) : Catalog.bundled();
        SourceGenerator generator = new SourceGenerator(catalog);
        List<JavaFile> files = generator.generate();
        // A type renamed in the catalog must not survive as a stale file of an earlier run.
        deleteTree(sources);
        for (JavaFile file : files) {
            file.writeTo(sources);
        }
        for (Map.Entry<String, String> info : PACKAGES.entrySet()) {
            Path file = sources.resolve(info.getKey().replace('.', '/')).resolve("package-info.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, packageInfo(info.getKey(), info.getValue()), StandardCharsets.UTF_8);
        }
        Path reflectConfig = resources.resolve(REFLECT_CONFIG);
        Files.createDirectories(reflectConfig.getParent());
        Files.writeString(reflectConfig, generator.reflectConfig(), StandardCharsets.UTF_8);
        System.out.println("Generated " + files.size() + " source files into " + sources + " and " + reflectConfig);
    }

    /** Deletes a directory of generated files and everything in it, if it exists. */
    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Every file of the generated API. */
    public List<JavaFile> generate() {
        List<JavaFile> files = new ArrayList<>();
        for (CatalogType type : catalog.types()) {
            files.add(file(type.role().equals(CatalogType.INPUT) ? REQUEST : MODEL,
                    type.role().equals(CatalogType.INPUT) ? inputType(type) : responseType(type)));
        }
        for (CatalogGroup group : catalog.groups()) {
            for (CatalogOperation op : group.operations()) {
                if (op.requestType() != null) {
                    files.add(file(REQUEST, requestType(op)));
                }
            }
            ApiWriter writer = new ApiWriter(this, group);
            files.add(file(API, writer.operations()));
            files.add(file(API, writer.apiInterface(false)));
            files.add(file(API, writer.apiInterface(true)));
            files.add(file(API, writer.implementation(false)));
            files.add(file(API, writer.implementation(true)));
        }
        files.add(file(API, apiGroups()));
        files.add(file(API, allOperations()));
        files.add(file(API, runtimeHints()));
        return files;
    }

    /** The generated packages and what they hold; every one is null-marked. */
    static final Map<String, String> PACKAGES = Map.of(
            API, "The Civis API, generated from the catalog: per resource group a blocking and a reactive interface.",
            MODEL, "The types the Civis API returns, generated from the catalog.",
            REQUEST, "The query and body values of Civis API calls and the objects inside request bodies, generated "
                    + "from the catalog.");

    /**
     * The {@code package-info.java} of a generated package: its documentation, and JSpecify's
     * {@code @NullMarked}, so that every type is non-null unless marked {@code @Nullable}.
     */
    static String packageInfo(String pkg, String doc) {
        return "// Generated from the Civis API catalog. Do not edit.\n"
                + "/**\n * " + doc + "\n */\n"
                + "@NullMarked\n"
                + "package " + pkg + ";\n\n"
                + "import org.jspecify.annotations.NullMarked;\n";
    }

    private static JavaFile file(String pkg, TypeSpec type) {
        return JavaFile.builder(pkg, type)
            .skipJavaLangImports(true)
            .indent("    ")
            .addFileComment("Generated from the Civis API catalog. Do not edit.")
            .build();
    }

    // ---- javadoc ---------------------------------------------------------------------------

    /** Where generated documentation text is wrapped, so that no Javadoc line runs far past it. */
    static final int DOC_WIDTH = 100;

    /** Where a long string literal is cut into concatenated pieces. */
    static final int LITERAL_WIDTH = 80;

    /**
     * Makes documentation text safe inside a Javadoc comment, wrapped at {@link #DOC_WIDTH}
     * columns.
     */
    static String doc(String text) {
        return wrap(escape(text));
    }

    /** Makes documentation text safe inside a Javadoc comment. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("*/", "*&#47;")
            .replace("@", "&#64;")
            .replace("\\u", "\\\\u")
            .trim();
    }

    /**
     * Wraps Javadoc text at {@link #DOC_WIDTH} columns on spaces (a single word longer than that
     * stays whole); JavaPoet starts each line of it with {@code " * "}.
     */
    static String wrap(String text) {
        StringBuilder wrapped = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (wrapped.length() > 0) {
                wrapped.append('\n');
            }
            wrapped.append(String.join("\n", chunks(line.strip(), DOC_WIDTH).stream().map(String::stripTrailing).toList()));
        }
        return wrapped.toString();
    }

    /**
     * Cuts text into pieces of at most {@code width} characters, each ending at a space (kept at
     * the end of its piece, so that joining the pieces gives the text back); a word longer than
     * {@code width} is a piece of its own.
     */
    static List<String> chunks(String text, int width) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (text.length() - start > width) {
            int cut = text.lastIndexOf(' ', start + width);
            if (cut <= start) {
                cut = text.indexOf(' ', start + width);
                if (cut < 0) {
                    break;
                }
            }
            pieces.add(text.substring(start, cut + 1));
            start = cut + 1;
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /**
     * A string literal; a long one as pieces of at most {@link #LITERAL_WIDTH} characters joined
     * with {@code +}, one per line, so that no generated line is long.
     */
    static CodeBlock stringLiteral(String value) {
        List<String> pieces = chunks(value, LITERAL_WIDTH);
        CodeBlock.Builder code = CodeBlock.builder().add("$S", pieces.get(0)).indent();
        for (String piece : pieces.subList(1, pieces.size())) {
            code.add(" +\n$S", piece);
        }
        return code.unindent().build();
    }

    /**
     * A call such as {@code List.of(...)} with one argument per line.
     * @param call what comes before the opening parenthesis
     */
    static CodeBlock onePerLine(CodeBlock call, List<CodeBlock> arguments) {
        CodeBlock.Builder code = CodeBlock.builder().add("$L(", call);
        if (arguments.isEmpty()) {
            return code.add(")").build();
        }
        code.add("\n$>$>");
        for (int i = 0; i < arguments.size(); i++) {
            code.add("$L$L", arguments.get(i), i + 1 < arguments.size() ? ",\n" : ")");
        }
        return code.add("$<$<").build();
    }

    // ---- types -----------------------------------------------------------------------------

    /** Java type of a value read from a response. */
    TypeName readType(String notation) {
        TypeRef ref = TypeRef.parse(notation);
        return switch (ref.kind()) {
            case "scalar" -> scalarType(ref.name());
            case "any" -> JSON_NODE;
            case "list" -> ParameterizedTypeName.get(LIST, readType(ref.name()));
            case "map" -> ParameterizedTypeName.get(MAP, ClassName.get(String.class), readType(ref.name()));
            default -> named(ref.name());
        };
    }

    /** Java type a setter takes for a value sent to the API (boxed; dates as ISO strings). */
    TypeName writeType(String notation) {
        TypeRef ref = TypeRef.parse(notation);
        return switch (ref.kind()) {
            case "scalar" -> ref.name().startsWith("date") ? ClassName.get(String.class) : scalarType(ref.name());
            case "any" -> JSON_NODE;
            case "list" -> ParameterizedTypeName.get(LIST, writeType(ref.name()));
            case "map" -> ParameterizedTypeName.get(MAP, ClassName.get(String.class), writeType(ref.name()));
            default -> named(ref.name());
        };
    }

    private static TypeName scalarType(String scalar) {
        return switch (scalar) {
            case "integer" -> ClassName.get(Long.class);
            case "number" -> ClassName.get(Double.class);
            case "boolean" -> ClassName.get(Boolean.class);
            case "date-time" -> ClassName.get("java.time", "OffsetDateTime");
            case "date" -> ClassName.get("java.time", "LocalDate");
            default -> ClassName.get(String.class);
        };
    }

    ClassName named(String name) {
        CatalogType type = types.get(name);
        if (type == null) {
            throw new IllegalStateException("The catalog references an unknown type " + name);
        }
        return ClassName.get(type.role().equals(CatalogType.INPUT) ? REQUEST : MODEL, name);
    }

    /** Code reading {@code node} as {@code notation}; {@code depth} keeps lambda names apart. */
    CodeBlock reader(String notation, CodeBlock node, String owner, String field, int depth) {
        TypeRef ref = TypeRef.parse(notation);
        String e = "e" + depth;
        return switch (ref.kind()) {
            case "scalar" -> CodeBlock.of("$T.$L($L,$W$S,$W$S)", JSON_VALUES, switch (ref.name()) {
                case "integer" -> "asLong";
                case "number" -> "asDouble";
                case "boolean" -> "asBoolean";
                case "date-time" -> "asDateTime";
                case "date" -> "asDate";
                default -> "asString";
            }, node, owner, field);
            case "any" -> CodeBlock.of("$T.asAny($L,$W$S,$W$S)", JSON_VALUES, node, owner, field);
            case "list" -> CodeBlock.of("$T.asList($L,$W$S,$W$S,$W$L -> $L)", JSON_VALUES, node, owner, field, e,
                    reader(ref.name(), CodeBlock.of("$L", e), owner, field + "[]", depth + 1));
            case "map" -> CodeBlock.of("$T.asMap($L,$W$S,$W$S,$W$L -> $L)", JSON_VALUES, node, owner, field, e,
                    reader(ref.name(), CodeBlock.of("$L", e), owner, field + "{}", depth + 1));
            default -> CodeBlock.of("$T.asObject($L,$W$S,$W$S,$W$T::new)", JSON_VALUES, node, owner, field, named(ref.name()));
        };
    }

    static TypeName nullable(TypeName type) {
        return type.annotated(AnnotationSpec.builder(NULLABLE).build());
    }

    private static CodeBlock setOf(List<String> values) {
        CodeBlock.Builder code = CodeBlock.builder().add("$T.of(", SET);
        for (int i = 0; i < values.size(); i++) {
            code.add(i == 0 ? "$S" : ",$W$S", values.get(i));
        }
        return code.add(")").build();
    }

    private TypeSpec responseType(CatalogType type) {
        ClassName self = ClassName.get(MODEL, type.name());
        TypeSpec.Builder spec = TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(CIVIS_OBJECT)
            .addJavadoc("$L\n", type.description() != null ? doc(type.description()) : "A " + type.name() + " returned by the Civis API.")
            .addJavadoc("\n<p>Keeps the JSON as the API sent it; each accessor reads one property.\n")
            .addField(FieldSpec.builder(ParameterizedTypeName.get(SET, ClassName.get(String.class)), "PROPERTIES",
                    Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(setOf(type.fields().stream().map(CatalogField::wireName).toList()))
                .build())
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AnnotationSpec.builder(JSON_CREATOR)
                    .addMember("mode", "$T.Mode.DELEGATING", JSON_CREATOR)
                    .build())
                .addJavadoc("Wraps JSON sent by the API.\n@param json the JSON, kept unchanged\n")
                .addParameter(JSON_NODE, "json")
                .addStatement("super(json)")
                .build())
            .addMethod(MethodSpec.methodBuilder("declaredProperties")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(SET, ClassName.get(String.class)))
                .addStatement("return PROPERTIES")
                .build());
        for (CatalogField field : type.fields()) {
            MethodSpec.Builder accessor = MethodSpec.methodBuilder(field.javaName())
                .addModifiers(Modifier.PUBLIC)
                .returns(nullable(readType(field.type())))
                .addJavadoc("$L\n", field.description() != null ? doc(field.description()) : "The {@code " + field.wireName() + "} property.")
                .addJavadoc("@return the value of {@code $L}, or {@code null} when absent\n", field.wireName())
                .addStatement("return $L", reader(field.type(), CodeBlock.of("json($S)", field.wireName()), type.name(),
                        field.wireName(), 1));
            deprecate(accessor, field.deprecation());
            spec.addMethod(accessor.build());
        }
        return spec.build();
    }

    /**
     * Marks a member {@code @Deprecated} with the reason in its Javadoc, when there is one (an
     * imported document no longer lists the property or parameter it reads or sets).
     */
    static void deprecate(MethodSpec.Builder method, @org.jspecify.annotations.Nullable String deprecation) {
        if (deprecation != null) {
            method.addJavadoc("$L\n", wrap("@deprecated " + escape(deprecation)));
            method.addAnnotation(DEPRECATED);
        }
    }

    /** The setters of one parameter or property, added to a builder. */
    private void setters(TypeSpec.Builder builder, ClassName builderType, String javaName, String wireName, String notation,
            String description, String call, @org.jspecify.annotations.Nullable String deprecation) {
        TypeRef ref = TypeRef.parse(notation);
        String doc = description != null ? doc(description) : "Sets {@code " + wireName + "}.";
        if (ref.kind().equals("scalar") && (ref.name().equals("integer") || ref.name().equals("number")
                || ref.name().equals("boolean"))) {
            TypeName primitive = switch (ref.name()) {
                case "integer" -> TypeName.LONG;
                case "number" -> TypeName.DOUBLE;
                default -> TypeName.BOOLEAN;
            };
            MethodSpec.Builder setter = MethodSpec.methodBuilder(javaName)
                .addModifiers(Modifier.PUBLIC)
                .returns(builderType)
                .addParameter(primitive, javaName)
                .addJavadoc("$L\n", doc)
                .addJavadoc("@param $L the value\n@return this builder\n", javaName)
                .addStatement("return $L($S, $L)", call, wireName, javaName);
            deprecate(setter, deprecation);
            builder.addMethod(setter.build());
        }
        MethodSpec.Builder setter = MethodSpec.methodBuilder(javaName)
            .addModifiers(Modifier.PUBLIC)
            .returns(builderType)
            .addParameter(nullable(writeType(notation)), javaName)
            .addJavadoc("$L\n", doc)
            .addJavadoc("@param $L the value; {@code null} $L\n@return this builder\n", javaName,
                    call.startsWith("query") ? "leaves it out" : "sends an explicit null")
            .addStatement("return $L($S, $L)", call, wireName, javaName);
        deprecate(setter, deprecation);
        builder.addMethod(setter.build());
    }

    private TypeSpec inputType(CatalogType type) {
        ClassName self = ClassName.get(REQUEST, type.name());
        ClassName builderType = self.nestedClass("Builder");
        TypeSpec.Builder builder = TypeSpec.classBuilder(builderType)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(CIVIS_INPUT.nestedClass("Builder"), builderType))
            .addJavadoc("Builds a {@link $T}.\n", self)
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addStatement("super(PROPERTIES)")
                .build());
        for (CatalogField field : type.fields()) {
            setters(builder, builderType, field.javaName(), field.wireName(), field.type(), field.description(), "putValue",
                    field.deprecation());
        }
        CodeBlock.Builder required = CodeBlock.builder().add("$S", type.name());
        type.fields().stream().filter(CatalogField::required).forEach(f -> required.add(",$W$S", f.wireName()));
        builder.addMethod(MethodSpec.methodBuilder("build")
            .addModifiers(Modifier.PUBLIC)
            .returns(self)
            .addJavadoc("@return the object, holding the properties set\n")
            .addJavadoc("@throws io.github.civis.client.error.CivisValidationException when a required property is not set\n")
            .addStatement("return new $T(build($W$L))", self, required.build())
            .build());
        return TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(CIVIS_INPUT)
            .addJavadoc("$L\n", type.description() != null ? doc(type.description()) : "Part of a request body.")
            .addField(FieldSpec.builder(ParameterizedTypeName.get(SET, ClassName.get(String.class)), "PROPERTIES",
                    Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(setOf(type.fields().stream().map(CatalogField::wireName).toList()))
                .build())
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(OBJECT_NODE, "json")
                .addStatement("super(json)")
                .build())
            .addMethod(builderFactory(builderType))
            .addType(builder.build())
            .build();
    }

    private TypeSpec requestType(CatalogOperation op) {
        ClassName self = ClassName.get(REQUEST, op.requestType());
        ClassName builderType = self.nestedClass("Builder");
        List<CatalogParameter> query = op.parameters("query");
        List<CatalogParameter> body = op.parameters("body");
        TypeSpec.Builder builder = TypeSpec.classBuilder(builderType)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(CIVIS_REQUEST.nestedClass("Builder"), builderType))
            .addJavadoc("Builds a {@link $T}. Only the values set are sent.\n", self)
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addStatement("super($L,$W$L,$W$L)",
                        setOf(body.stream().map(CatalogParameter::wireName).toList()),
                        setOf(query.stream().filter(p -> !TypeRef.parse(p.type()).isList()).map(CatalogParameter::wireName).toList()),
                        setOf(query.stream().filter(p -> TypeRef.parse(p.type()).isList()).map(CatalogParameter::wireName).toList()))
                .build());
        for (CatalogParameter p : query) {
            setters(builder, builderType, p.javaName(), p.wireName(), p.type(), p.description(),
                    TypeRef.parse(p.type()).isList() ? "queryValues" : "queryValue", p.deprecation());
        }
        for (CatalogParameter p : body) {
            setters(builder, builderType, p.javaName(), p.wireName(), p.type(), p.description(), "bodyValue", p.deprecation());
        }
        builder.addMethod(MethodSpec.methodBuilder("build")
            .addModifiers(Modifier.PUBLIC)
            .returns(self)
            .addJavadoc("@return the request, holding the values set\n")
            .addStatement("return new $T(this)", self)
            .build());
        return TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(CIVIS_REQUEST)
            .addJavadoc("$L\n", wrap("The query and body values of {@code " + op.group() + "." + op.name() + "} ({@code "
                    + op.verb() + " " + escape(op.route()) + "})."))
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(builderType, "builder")
                .addStatement("super(builder)")
                .build())
            .addMethod(builderFactory(builderType))
            .addType(builder.build())
            .build();
    }

    /** The static {@code builder()} of a generated input or request type. */
    private static MethodSpec builderFactory(ClassName builderType) {
        return MethodSpec.methodBuilder("builder")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(builderType)
            .addJavadoc("@return a builder with nothing set\n")
            .addStatement("return new $T()", builderType)
            .build();
    }

    // ---- registries ------------------------------------------------------------------------

    private TypeSpec apiGroups() {
        TypeSpec.Builder spec = TypeSpec.classBuilder(API_GROUPS)
            .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
            .addJavadoc("Every resource group of the Civis API, blocking and reactive, over one transport.\n");
        // Each group's implementation is made on first use: loading and verifying all 78 up
        // front (and the hundreds of request types their signatures name) would cost every
        // client's start-up for groups most applications never call. Two threads racing on first
        // use may each make one; both are stateless views of the same transport.
        spec.addField(TRANSPORT, "transport", Modifier.PRIVATE, Modifier.FINAL);
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PROTECTED)
            .addJavadoc("@param transport the transport every group calls through\n")
            .addParameter(TRANSPORT, "transport")
            .addStatement("this.transport = transport");
        CodeBlock.Builder registry = CodeBlock.builder().add("$T.of(\n", LIST).indent();
        boolean first = true;
        for (CatalogGroup group : catalog.groups()) {
            String stem = group.javaName();
            String accessor = Names.lowerCamel(stem);
            for (boolean reactive : new boolean[] { false, true }) {
                ClassName api = ClassName.get(API, (reactive ? "Reactive" : "") + stem + "Api");
                ClassName impl = ClassName.get(API, "Default" + api.simpleName());
                String name = reactive ? "reactive" + stem : accessor;
                spec.addField(FieldSpec.builder(api, name, Modifier.PRIVATE, Modifier.VOLATILE)
                    .addAnnotation(NULLABLE)
                    .build());
                spec.addMethod(MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(api)
                    .addJavadoc("@return the $L API of the {@code $L} group\n", reactive ? "reactive" : "blocking", group.name())
                    .addStatement("$T api = this.$L", api, name)
                    .beginControlFlow("if (api == null)")
                    .addStatement("api = new $T(transport)", impl)
                    .addStatement("this.$L = api", name)
                    .endControlFlow()
                    .addStatement("return api")
                    .build());
                registry.add(first ? "" : ",\n").add("new $T($S,$W$S,$W$T.class,$W$L,$Wgroups -> groups.$L())", API_GROUP,
                        group.name(), name + "Api", api, reactive, name);
                first = false;
            }
        }
        registry.unindent().add(")");
        // In a holder class, so that a client that never asks for the list never creates its
        // 78 accessor lambdas.
        spec.addType(TypeSpec.classBuilder("Registry")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, API_GROUP), "API_GROUPS", Modifier.STATIC,
                    Modifier.FINAL).initializer(registry.build()).build())
            .build());
        spec.addMethod(MethodSpec.methodBuilder("apiGroups")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ParameterizedTypeName.get(LIST, API_GROUP))
            .addJavadoc("@return every group's blocking and reactive API, in group order\n")
            .addStatement("return Registry.API_GROUPS")
            .build());
        spec.addMethod(constructor.build());
        return spec.build();
    }

    private TypeSpec allOperations() {
        List<CodeBlock> groups = new ArrayList<>();
        for (CatalogGroup group : catalog.groups()) {
            groups.add(CodeBlock.of("$T.ALL", ClassName.get(API, group.javaName() + "Operations")));
        }
        CodeBlock all = CodeBlock.builder()
            .add(onePerLine(CodeBlock.of("$T.of", STREAM), groups))
            .add("\n$>$>.flatMap($T::stream)\n.toList()$<$<", List.class)
            .build();
        return TypeSpec.classBuilder("CivisOperations")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc("Every operation of the generated API, as descriptors.\n")
            .addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, OPERATION), "ALL", Modifier.PUBLIC, Modifier.STATIC,
                    Modifier.FINAL)
                .addJavadoc("Every operation, by group then route.\n")
                .initializer(all)
                .build())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .build();
    }

    // ---- runtime hints ---------------------------------------------------------------------

    /**
     * The generated types that are read or built by reflection in a native image: every model,
     * every request and input type with its builder, and every API interface.
     */
    List<ClassName> reflectedTypes() {
        List<ClassName> reflected = new ArrayList<>();
        for (CatalogType type : catalog.types()) {
            ClassName name = named(type.name());
            reflected.add(name);
            if (type.role().equals(CatalogType.INPUT)) {
                reflected.add(name.nestedClass("Builder"));
            }
        }
        for (CatalogGroup group : catalog.groups()) {
            for (CatalogOperation op : group.operations()) {
                if (op.requestType() != null) {
                    ClassName request = ClassName.get(REQUEST, op.requestType());
                    reflected.add(request);
                    reflected.add(request.nestedClass("Builder"));
                }
            }
            reflected.add(ClassName.get(API, group.javaName() + "Api"));
            reflected.add(ClassName.get(API, "Reactive" + group.javaName() + "Api"));
        }
        return reflected;
    }

    /**
     * The Spring AOT registrar of the same reflection hints as {@link #reflectConfig()}, listed in
     * the client's {@code META-INF/spring/aot.factories}.
     */
    private TypeSpec runtimeHints() {
        CodeBlock.Builder types = CodeBlock.builder().add("{\n").indent();
        List<ClassName> reflected = reflectedTypes();
        for (int i = 0; i < reflected.size(); i++) {
            types.add("$T.class$L\n", reflected.get(i), i + 1 < reflected.size() ? "," : "");
        }
        types.unindent().add("}");
        return TypeSpec.classBuilder("CivisApiRuntimeHints")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RUNTIME_HINTS_REGISTRAR)
            .addJavadoc("Reflection hints for the generated types, so that they serialise in a native image.\n")
            .addJavadoc("\n<p>Spring AOT finds this registrar through {@code META-INF/spring/aot.factories}; without\n")
            .addJavadoc("Spring, {@code native-image} reads the same list from {@code $L}.\n", REFLECT_CONFIG)
            .addField(FieldSpec.builder(ArrayTypeName.of(ParameterizedTypeName.get(ClassName.get(Class.class),
                    WildcardTypeName.subtypeOf(Object.class))), "TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(types.build())
                .build())
            .addMethod(MethodSpec.methodBuilder("registerHints")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RUNTIME_HINTS, "hints")
                .addParameter(nullable(ClassName.get(ClassLoader.class)), "classLoader")
                .beginControlFlow("for ($T<?> type : TYPES)", Class.class)
                .addStatement("hints.reflection().registerType(type, $T.INVOKE_PUBLIC_CONSTRUCTORS, $T.INVOKE_PUBLIC_METHODS)",
                        MEMBER_CATEGORY, MEMBER_CATEGORY)
                .endControlFlow()
                .build())
            .build();
    }

    /** GraalVM reflection metadata for {@link #reflectedTypes()}, one type per line. */
    String reflectConfig() {
        StringBuilder json = new StringBuilder("[\n");
        List<ClassName> reflected = reflectedTypes();
        for (int i = 0; i < reflected.size(); i++) {
            json.append("  {\"name\": \"").append(reflected.get(i).reflectionName())
                .append("\", \"allPublicConstructors\": true, \"allPublicMethods\": true}")
                .append(i + 1 < reflected.size() ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }

    static TypeName wildcardConsumer(ClassName builder) {
        return ParameterizedTypeName.get(CONSUMER, WildcardTypeName.supertypeOf(builder));
    }

    static ParameterSpec parameter(TypeName type, String name) {
        return ParameterSpec.builder(type, name).build();
    }
}
