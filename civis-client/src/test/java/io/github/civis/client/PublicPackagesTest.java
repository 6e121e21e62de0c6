package io.github.civis.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The line between what users of the client see and its internals. The module descriptor
 * ({@code src/main/module-info/module-info.java}, packed into the jar) exports exactly the packages the
 * README lists as public; everything else is internal: invisible on the module path (see
 * {@code ModulePathConsumerIT}) and never reachable through the signature of a public type.
 */
class PublicPackagesTest {

    private static final String BASE = "io.github.civis.client";

    private static final Pattern EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private static final Pattern QUALIFIED_EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s+to\\b", Pattern.MULTILINE);

    private static final Pattern LISTED = Pattern.compile("^- `(io\\.github\\.civis\\.client[\\w.]*)`", Pattern.MULTILINE);

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(BASE);

    static Set<String> exportedPackages() throws IOException {
        return matches(EXPORT, Files.readString(Path.of("src/main/module-info/module-info.java")));
    }

    static Set<String> documentedPackages() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("## Public packages");
        assertThat(start).as("README.md has a \"## Public packages\" section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return matches(LISTED, readme.substring(start, end < 0 ? readme.length() : end));
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static boolean isInternal(JavaClass type) {
        String name = type.getPackageName();
        return name.startsWith(BASE) && !exported().contains(name);
    }

    private static Set<String> exported() {
        try {
            return exportedPackages();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void theModuleExportsExactlyThePackagesTheReadmeListsAsPublic() throws IOException {
        assertThat(exportedPackages()).isNotEmpty().isEqualTo(documentedPackages());
    }

    @Test
    void internalPackagesAreExportedOnlyToNamedModulesOfThisProject() throws IOException {
        String descriptor = Files.readString(Path.of("src/main/module-info/module-info.java"));
        assertThat(matches(QUALIFIED_EXPORT, descriptor)).allSatisfy(name -> assertThat(name).contains(".internal"));
        assertThat(Pattern.compile("exports\\s+[\\w.]+\\s+to\\s+([\\w.,\\s]+);").matcher(descriptor).results()
                .flatMap(result -> Pattern.compile(",").splitAsStream(result.group(1)))
                .map(String::strip))
            .allSatisfy(module -> assertThat(module).startsWith("io.github.civis."));
    }

    @Test
    void everyPackageOfTheClientIsEitherPublicOrNamedInternal() throws IOException {
        Set<String> exported = exportedPackages();
        Set<String> packages = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            packages.add(type.getPackageName());
        }
        assertThat(packages).allSatisfy(name -> assertThat(exported.contains(name) || name.contains(".internal"))
                .as("%s is neither exported nor an internal package", name).isTrue());
    }

    @Test
    void noPublicSignatureOfAPublicTypeNamesAnInternalType() {
        DescribedPredicate<JavaClass> inPublicApi = DescribedPredicate.describe("a public type of an exported package",
                type -> type.getModifiers().contains(JavaModifier.PUBLIC) && !isInternal(type)
                        && type.getPackageName().startsWith(BASE));
        classes().that(inPublicApi)
            .should(new ArchCondition<JavaClass>("not extend or implement an internal type") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    type.getRawSuperclass().filter(PublicPackagesTest::isInternal).ifPresent(superclass -> events.add(
                            SimpleConditionEvent.violated(type, type.getName() + " extends internal " + superclass.getName())));
                    type.getRawInterfaces().stream().filter(PublicPackagesTest::isInternal).forEach(face -> events.add(
                            SimpleConditionEvent.violated(type, type.getName() + " implements internal " + face.getName())));
                }
            })
            .check(CLASSES);
        codeUnits().that().areDeclaredInClassesThat(inPublicApi).and().arePublic()
            .should(new ArchCondition<JavaCodeUnit>("not take or return an internal type") {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                    if (isInternal(unit.getRawReturnType())) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " returns internal "
                                + unit.getRawReturnType().getName()));
                    }
                    unit.getRawParameterTypes().stream().filter(PublicPackagesTest::isInternal).forEach(type -> events.add(
                            SimpleConditionEvent.violated(unit, unit.getFullName() + " takes internal " + type.getName())));
                }
            })
            .allowEmptyShould(true)
            .check(CLASSES);
        fields().that().areDeclaredInClassesThat(inPublicApi).and().arePublic()
            .should(new ArchCondition<JavaField>("not be of an internal type") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                    if (isInternal(field.getRawType())) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is of internal type "
                                + field.getRawType().getName()));
                    }
                }
            })
            .allowEmptyShould(true)
            .check(CLASSES);
    }
}
