package dev.snapfusion.studio.models;

import java.util.Comparator;
import java.util.Locale;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The convert form as a ControlsFX property sheet, by category: conversion, components, UNet blocks, more overrides.
 * Each editor gets the id {@code models-prop-<name>} (dots and other marks as dashes), so tests and people's scripts can
 * find it.
 */
final class OverrideSheet extends PropertySheet {
    OverrideSheet(OverrideForm form) {
        super(form.items);
        setId("models-overrides");
        getStyleClass().add("models-overrides");
        setMode(Mode.CATEGORY);
        setModeSwitcherVisible(false);
        setSearchBoxVisible(true);
        setCategoryComparator(Comparator.comparingInt(OverrideForm.CATEGORIES::indexOf));
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        setPropertyEditorFactory(item -> {
            PropertyEditor<?> e = defaults.call(item);
            if (e != null) e.getEditor().setId(editorId(item.getName()));
            return e;
        });
    }

    /** {@code down.1.resnet.0} → {@code models-prop-down-1-resnet-0}; {@code Output folder} → {@code models-prop-output-folder}. */
    static String editorId(String name) {
        return "models-prop-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-");
    }
}
