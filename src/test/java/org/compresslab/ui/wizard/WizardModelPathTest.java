package org.compresslab.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compresslab.ui.UiTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.compresslab.TestFiles;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.distill.KnowledgeDistillation;
import org.compresslab.ui.RecordingDialogService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** A parameter that names a model file (distillation's teacher) can be filled by browsing for the file. */
@ExtendWith(ApplicationExtension.class)
class WizardModelPathTest {
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final TechniqueRegistry registry = TechniqueRegistry.standard();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void browsingForATeacherPutsItsPathInTheRecipe(FxRobot robot) {
        Path teacher = TestFiles.fixture("fashion_cnn.pt");
        dialogs.fileAnswers.add(Optional.of(teacher));
        WizardViewModel vm = new WizardViewModel(registry);
        vm.startFrom("resnet20.onnx", null, null);
        vm.addStep(registry.find(KnowledgeDistillation.ID).descriptor());
        WaitForAsyncUtils.asyncFx(() -> WizardView.show(stage, vm, dialogs, () -> teacher.getParent(), r -> { }));
        waitUntil(10, () -> robot.lookup("#availableTechniques").tryQuery().isPresent());

        robot.clickOn(robot.lookup(".button").match(LabeledMatchers.hasText("Next")).queryAs(Button.class));
        waitUntil(10, () -> robot.lookup("#browse-teacher").tryQuery().isPresent());
        robot.clickOn("#browse-teacher");

        assertThat(robot.lookup("#param-teacher").queryAs(TextField.class).getText()).isEqualTo(teacher.toString());
        assertThat(vm.recipeJson()).contains(teacher.toString().replace("\\", "\\\\"));
        // the student may name a model file too; plain numbers do not get a Browse button
        assertThat(robot.lookup("#browse-student").tryQuery()).isPresent();
        assertThat(robot.lookup("#browse-alpha").tryQuery()).isEmpty();
        robot.interact(() -> robot.lookup(".button").match(LabeledMatchers.hasText("Cancel")).queryAs(Button.class).fire());
    }
}
