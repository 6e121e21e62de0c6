package io.github.civis.codegen.generator;

import static io.github.civis.codegen.generator.SourceGenerator.API;
import static io.github.civis.codegen.generator.SourceGenerator.CALL_ARGUMENTS;
import static io.github.civis.codegen.generator.SourceGenerator.CIVIS_LIST;
import static io.github.civis.codegen.generator.SourceGenerator.DEPRECATED;
import static io.github.civis.codegen.generator.SourceGenerator.FLUX;
import static io.github.civis.codegen.generator.SourceGenerator.JSON_NODE;
import static io.github.civis.codegen.generator.SourceGenerator.LIST;
import static io.github.civis.codegen.generator.SourceGenerator.MONO;
import static io.github.civis.codegen.generator.SourceGenerator.OPERATION;
import static io.github.civis.codegen.generator.SourceGenerator.OVERRIDE;
import static io.github.civis.codegen.generator.SourceGenerator.REQUEST;
import static io.github.civis.codegen.generator.SourceGenerator.STREAM;
import static io.github.civis.codegen.generator.SourceGenerator.TRANSPORT;
import static io.github.civis.codegen.generator.SourceGenerator.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.lang.model.element.Modifier;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;

import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.TypeRef;
import io.github.civis.catalog.naming.Names;

/** Writes the API types of one group. */
final class ApiWriter {

    private final SourceGenerator generator;
    private final CatalogGroup group;
    private final ClassName operations;

    ApiWriter(SourceGenerator generator, CatalogGroup group) {
        this.generator = generator;
        this.group = group;
        this.operations = ClassName.get(API, group.javaName() + "Operations");
    }

    private ClassName api(boolean reactive) {
        return ClassName.get(API, (reactive ? "Reactive" : "") + group.javaName() + "Api");
    }

    private static String constant(CatalogOperation op) {
        return Names.constant(op.name());
    }

    // ---- descriptors -----------------------------------------------------------------------

    TypeSpec operations() {
        TypeSpec.Builder spec = TypeSpec.classBuilder(operations)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc("Descriptors of the operations of the {@code $L} group.\n", group.name())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        List<CodeBlock> constants = new ArrayList<>();
        for (CatalogOperation op : group.operations()) {
            spec.addField(FieldSpec.builder(OPERATION, constant(op), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", SourceGenerator.wrap("{@code " + op.verb() + " " + SourceGenerator.escape(op.route()) + "}: "
                        + SourceGenerator.escape(op.summary())))
                .initializer(descriptor(op))
                .build());
            constants.add(CodeBlock.of("$L", constant(op)));
        }
        spec.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, OPERATION), "ALL", Modifier.PUBLIC,
                Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Every operation of the group.\n")
            .initializer(SourceGenerator.onePerLine(CodeBlock.of("$T.of", LIST), constants))
            .build());
        return spec.build();
    }

    /**
     * One operation's descriptor as a chain of named steps, one per line: the Java method that
     * calls it, its route, its parameters in order, then what sets it apart (paginated, a status
     * other than 200, a deprecation). Built once, when the group's descriptors are first used.
     */
    private CodeBlock descriptor(CatalogOperation op) {
        // The builder() call on a line of its own, like every step after it: the first line
        // stays short whatever the constant's name.
        CodeBlock.Builder chain = CodeBlock.builder()
            .add("$T\n", OPERATION)
            .indent()
            .add(".builder($S, $S)\n", op.group(), op.name())
            .add(".javaMethod($S, $S)\n", api(false).simpleName(), primaryName(op))
            .add(".route($S, $L)\n", op.verb(), SourceGenerator.stringLiteral(op.route()));
        for (CatalogParameter p : op.parameters()) {
            String location = p.in().toLowerCase(Locale.ROOT);
            if (p.javaName().equals(p.wireName())) {
                chain.add(".$L($S)", location, p.javaName());
            }
            else {
                chain.add(".$L($S, $S)", location, p.javaName(), p.wireName());
            }
            if (p.required() && !location.equals("path")) {
                chain.add(".required()");
            }
            if (TypeRef.parse(p.type()).isList()) {
                chain.add(".array()");
            }
            chain.add("\n");
        }
        if (op.paginated()) {
            chain.add(".paginated()\n");
        }
        if (op.responseStatus() != 200) {
            chain.add(".responseStatus($L)\n", op.responseStatus());
        }
        if (op.deprecation() != null) {
            chain.add(".deprecation($L)\n", SourceGenerator.stringLiteral(op.deprecation()));
        }
        return chain.add(".build()").unindent().build();
    }

    /** The Java name the implementation answers to: the honest get name when there is one. */
    private static String primaryName(CatalogOperation op) {
        return op.getName() != null ? op.getName() : op.javaName();
    }

    // ---- interfaces ------------------------------------------------------------------------

    private TypeName element(CatalogOperation op) {
        return generator.readType(TypeRef.parse(op.responseType()).name());
    }

    private boolean isList(CatalogOperation op) {
        return op.responseType() != null && TypeRef.parse(op.responseType()).isList();
    }

    /** What the plain method returns or emits. */
    private TypeName result(CatalogOperation op) {
        if (op.responseType() == null) {
            return TypeName.VOID;
        }
        if (isList(op)) {
            return ParameterizedTypeName.get(CIVIS_LIST, element(op));
        }
        return generator.readType(op.responseType());
    }

    private TypeName returns(CatalogOperation op, boolean reactive) {
        TypeName result = result(op);
        if (!reactive) {
            return result;
        }
        return ParameterizedTypeName.get(MONO, result == TypeName.VOID ? ClassName.get(Void.class) : result.box());
    }

    private TypeName returnsAll(CatalogOperation op, boolean reactive) {
        return ParameterizedTypeName.get(reactive ? FLUX : STREAM, element(op).box());
    }

    static String allName(CatalogOperation op) {
        return "listAll" + op.javaName().substring(4);
    }

    private List<ParameterSpec> pathParameters(CatalogOperation op) {
        List<ParameterSpec> params = new ArrayList<>();
        for (CatalogParameter p : op.parameters("path")) {
            params.add(ParameterSpec.builder(p.type().equals("integer") ? TypeName.LONG : ClassName.get(String.class),
                    p.javaName()).build());
        }
        return params;
    }

    private static String pathArguments(CatalogOperation op) {
        return String.join(", ", op.parameters("path").stream().map(CatalogParameter::javaName).toList());
    }

    /** The path arguments followed by the request, wrapped where a line grows long. */
    private static CodeBlock withRequest(CatalogOperation op, CodeBlock request) {
        List<CodeBlock> arguments = new ArrayList<>();
        for (CatalogParameter p : op.parameters("path")) {
            arguments.add(CodeBlock.of("$L", p.javaName()));
        }
        arguments.add(request);
        return CodeBlock.join(arguments, ",$W");
    }

    private boolean requestOptional(CatalogOperation op) {
        return op.parameters().stream().noneMatch(p -> !p.in().equals("path") && p.required());
    }

    private void javadoc(MethodSpec.Builder method, CatalogOperation op, String extra, boolean request, TypeName returns) {
        method.addJavadoc("$L\n", doc(op.summary().isEmpty() ? op.name() : op.summary()));
        if (!extra.isEmpty()) {
            method.addJavadoc("\n$L\n", SourceGenerator.wrap("<p>" + extra));
        }
        method.addJavadoc("\n<p>{@code $L $L}\n", op.verb(), doc(op.route()));
        if (op.deprecation() != null && op.unlisted() == null) {
            method.addJavadoc("\n$L\n", SourceGenerator.wrap("<p>Deprecated by the API: " + SourceGenerator.escape(op.deprecation())));
        }
        for (CatalogParameter p : op.parameters("path")) {
            method.addJavadoc("$L\n", SourceGenerator.wrap("@param " + p.javaName() + " "
                    + (p.description() != null ? SourceGenerator.escape(p.description()) : p.wireName())));
        }
        if (request) {
            method.addJavadoc("@param request the query and body values\n");
        }
        if (returns != TypeName.VOID) {
            method.addJavadoc("@return $L\n", returns.toString().startsWith("java.util.stream") ? "a lazy stream of every element"
                    : returns.toString().startsWith("reactor.core.publisher.Flux") ? "a lazy flux of every element"
                    : returns.toString().startsWith("reactor") ? "a cold publisher of the response" : "the response");
        }
        if (op.unlisted() != null) {
            method.addJavadoc("$L\n", SourceGenerator.wrap("@deprecated " + SourceGenerator.escape(op.deprecation())));
        }
        // The way from a method to the wire: its descriptor names the route and every parameter.
        method.addJavadoc("@see $T#$L\n", operations, constant(op));
        if (op.deprecation() != null) {
            method.addAnnotation(DEPRECATED);
        }
    }

    /**
     * Adds the overloads of one method: the abstract one taking the request object, one taking a
     * builder callback, and (when nothing is required) one without request.
     * @param delegate when not null, every overload is a default method calling {@code delegate}
     */
    private void overloads(TypeSpec.Builder spec, CatalogOperation op, String name, TypeName returns, String extra,
            String delegate) {
        List<ParameterSpec> path = pathParameters(op);
        String ret = returns == TypeName.VOID ? "" : "return ";
        if (op.requestType() == null) {
            MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns)
                .addParameters(path);
            javadoc(m, op, extra, false, returns);
            if (delegate == null) {
                m.addModifiers(Modifier.ABSTRACT);
            }
            else {
                m.addModifiers(Modifier.DEFAULT).addStatement("$L$L($L)", ret, delegate, pathArguments(op));
            }
            spec.addMethod(m.build());
            return;
        }
        ClassName request = ClassName.get(REQUEST, op.requestType());
        ClassName builder = request.nestedClass("Builder");
        MethodSpec.Builder main = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns)
            .addParameters(path).addParameter(request, "request");
        javadoc(main, op, extra, true, returns);
        if (delegate == null) {
            main.addModifiers(Modifier.ABSTRACT);
        }
        else {
            main.addModifiers(Modifier.DEFAULT).addStatement("$L$L($L)", ret, delegate, withRequest(op, CodeBlock.of("request")));
        }
        spec.addMethod(main.build());
        MethodSpec.Builder callback = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
            .returns(returns).addParameters(path)
            .addParameter(SourceGenerator.wildcardConsumer(builder), "request")
            .addStatement("$T builder =$W$T.builder()", builder, request)
            .addStatement("request.accept(builder)")
            .addStatement("$L$L($L)", ret, name, withRequest(op, CodeBlock.of("builder.build()")));
        javadoc(callback, op, extra, true, returns);
        spec.addMethod(callback.build());
        if (requestOptional(op)) {
            MethodSpec.Builder none = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .returns(returns).addParameters(path)
                .addStatement("$L$L($L)", ret, name, withRequest(op, CodeBlock.of("$T.builder().build()", request)));
            javadoc(none, op, extra, false, returns);
            spec.addMethod(none.build());
        }
    }

    TypeSpec apiInterface(boolean reactive) {
        TypeSpec.Builder spec = TypeSpec.interfaceBuilder(api(reactive))
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("The {@code $L} resource group of the Civis API$L.\n", group.name(),
                    reactive ? ", reactive:\nnothing is sent until the returned publisher is subscribed to" : "")
            .addJavadoc("\n<p>Thread-safe. Errors are {@link io.github.civis.client.error.CivisException}s$L.\n",
                    reactive ? ", signalled through the publisher" : "");
        for (CatalogOperation op : group.operations()) {
            TypeName returns = returns(op, reactive);
            String primary = primaryName(op);
            overloads(spec, op, primary, returns, "", null);
            if (op.getName() != null) {
                overloads(spec, op, op.javaName(), returns, "Same as {@link #" + op.getName() + "}: the documented name of "
                        + "an operation that returns one object.", op.getName());
            }
            if (op.paginated() && isList(op)) {
                overloads(spec, op, allName(op), returnsAll(op, reactive),
                        "Every element of every page, fetched page by page as " + (reactive
                                ? "the subscriber requests them." : "the stream is consumed; close the stream to stop early."),
                        null);
            }
        }
        return spec.build();
    }

    // ---- implementations -------------------------------------------------------------------

    private CodeBlock responseReader(CatalogOperation op) {
        if (op.responseType() == null) {
            return CodeBlock.of("(body, metadata) -> null");
        }
        TypeRef ref = TypeRef.parse(op.responseType());
        if (ref.isList()) {
            return CodeBlock.of("(body, metadata) -> $T.read(body,$Wmetadata.pageInfo(),$We -> $L)", CIVIS_LIST,
                    elementReader(op));
        }
        if (ref.isNamed()) {
            return CodeBlock.of("(body, metadata) -> new $T(body)", generator.named(ref.name()));
        }
        return CodeBlock.of("(body, metadata) -> $L", generator.reader(op.responseType(), CodeBlock.of("body"), "response",
                op.name(), 1));
    }

    private CodeBlock elementReader(CatalogOperation op) {
        TypeRef element = TypeRef.parse(op.responseType()).element();
        if (element.isNamed()) {
            return CodeBlock.of("new $T(e)", generator.named(element.name()));
        }
        return generator.reader(element.kind().equals("scalar") || element.kind().equals("any") ? element.name()
                : TypeRef.parse(op.responseType()).name(), CodeBlock.of("e"), "response", op.name() + "[]", 1);
    }

    TypeSpec implementation(boolean reactive) {
        ClassName api = api(reactive);
        TypeSpec.Builder spec = TypeSpec.classBuilder("Default" + api.simpleName())
            .addModifiers(Modifier.FINAL)
            .addSuperinterface(api)
            .addJavadoc("{@link $T} over a {@link $T}.\n", api, TRANSPORT)
            .addField(TRANSPORT, "transport", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder()
                .addParameter(TRANSPORT, "transport")
                .addStatement("this.transport = transport")
                .build());
        for (CatalogOperation op : group.operations()) {
            String constant = constant(op);
            CodeBlock arguments = CodeBlock.of("$T.of($T.$L,$W$T.of($L),$W$L)", CALL_ARGUMENTS, operations, constant, LIST,
                    pathArguments(op), op.requestType() == null ? "null" : "request");
            MethodSpec.Builder m = MethodSpec.methodBuilder(primaryName(op))
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns(op, reactive))
                .addParameters(pathParameters(op));
            if (op.requestType() != null) {
                m.addParameter(ClassName.get(REQUEST, op.requestType()), "request");
            }
            if (op.deprecation() != null) {
                m.addAnnotation(AnnotationSpecs.SUPPRESS_DEPRECATION);
            }
            if (reactive) {
                m.addStatement("return $T.defer(() -> transport.callReactive($T.$L,$W$L,$W$L))$L", MONO, operations, constant,
                        arguments, responseReader(op), op.responseType() == null ? ".then()" : "");
            }
            else if (op.responseType() == null) {
                m.addStatement("transport.call($T.$L,$W$L,$W$L)", operations, constant, arguments, responseReader(op));
            }
            else {
                m.addStatement("return transport.call($T.$L,$W$L,$W$L)", operations, constant, arguments, responseReader(op));
            }
            spec.addMethod(m.build());
            if (op.paginated() && isList(op)) {
                MethodSpec.Builder all = MethodSpec.methodBuilder(allName(op))
                    .addAnnotation(OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(returnsAll(op, reactive))
                    .addParameters(pathParameters(op))
                    .addParameter(ClassName.get(REQUEST, op.requestType()), "request");
                if (op.deprecation() != null) {
                    all.addAnnotation(AnnotationSpecs.SUPPRESS_DEPRECATION);
                }
                if (reactive) {
                    all.addStatement("return $T.defer(() -> transport.flux($T.$L,$W$L,$We -> $L))", FLUX, operations, constant,
                            arguments, elementReader(op));
                }
                else {
                    all.addStatement("return transport.stream($T.$L,$W$L,$We -> $L)", operations, constant, arguments,
                            elementReader(op));
                }
                spec.addMethod(all.build());
            }
        }
        return spec.build();
    }

    /** Shared annotation specs. */
    static final class AnnotationSpecs {
        static final com.palantir.javapoet.AnnotationSpec SUPPRESS_DEPRECATION = com.palantir.javapoet.AnnotationSpec
            .builder(SuppressWarnings.class).addMember("value", "$S", "deprecation").build();

        private AnnotationSpecs() {
        }
    }

    static TypeName jsonNode() {
        return JSON_NODE;
    }
}
