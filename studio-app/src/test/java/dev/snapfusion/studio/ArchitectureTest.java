package dev.snapfusion.studio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.List;

/**
 * The package layering of studio-app (docs/workbench.md, "Package layering"): no package cycles, no JavaFX below the
 * GUI, and pages that know nothing of one another or of the shell around them. Production classes only; tests may
 * reach across layers to set things up.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.snapfusion.studio";

    /** Packages that the CLI uses as well as the workbench, so they must load without JavaFX. */
    private static final String[] NON_GUI = packages("common", "log", "runs", "ops", "judge", "bundles", "config",
            "report", "job", "evolution", "services");
    private static final List<String> PAGES = List.of("compare", "convert", "devices", "evolve", "generate", "history",
            "models", "settings");
    /** What sits above the pages: the main window, the application, the command line. */
    private static final String[] SHELL = packages("layout", "app", "cli");

    @ArchTest
    static final ArchRule packages_anyTwo_formNoCycle = slices()
            .matching(ROOT + ".(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nonGuiPackages_anyClass_usesNoJavaFx = noClasses()
            .that().resideInAnyPackage(NON_GUI)
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule pages_anyTwo_dependOnNeitherOther = slices()
            .matching(ROOT + ".(*)..")
            .that(DescribedPredicate.describe("are pages", (Slice s) -> PAGES.contains(s.getNamePart(1))))
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule pages_anyClass_usesNoShell = noClasses()
            .that().resideInAnyPackage(packages(PAGES.toArray(String[]::new)))
            .should().dependOnClassesThat().resideInAnyPackage(SHELL);

    private static String[] packages(String... names) {
        String[] p = new String[names.length];
        for (int i = 0; i < names.length; i++) p[i] = ROOT + "." + names[i] + "..";
        return p;
    }
}
