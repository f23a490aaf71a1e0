package dev.snapfusion.studio.models;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** One row of the override sheet, backed by a property of {@link OverrideForm}. */
final class SheetItem<T> implements PropertySheet.Item {
    private final Class<T> type;
    private final String category;
    private final String name;
    private final String description;
    private final Property<T> value;

    SheetItem(Class<T> type, String category, String name, String description, Property<T> value) {
        this.type = type;
        this.category = category;
        this.name = name;
        this.description = description;
        this.value = value;
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.getValue();
    }

    @Override
    public void setValue(Object v) {
        value.setValue(type.cast(v));
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }

    @Override
    public String toString() {
        return name + "=" + value.getValue();
    }
}
