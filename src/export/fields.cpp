#include "export/fields.h"

namespace ankylos::exports::fields {

Cell missing(Missing why) {
    Cell cell;
    cell.missing = why;
    return cell;
}

Cell number(double value) {
    Cell cell;
    cell.missing = Missing::None;
    cell.number = value;
    return cell;
}

Cell number(const std::optional<double>& value, Missing whenEmpty) {
    return value ? number(*value) : missing(whenEmpty);
}

Cell text(std::string value) {
    if (value.empty())
        return missing();
    Cell cell;
    cell.missing = Missing::None;
    cell.text = std::move(value);
    return cell;
}

Cell yesNo(bool value) {
    return number(value ? 1 : 0);
}

int statusOf(bool hasValue, bool anyInput) {
    return hasValue ? kComputed : anyInput ? kNotComputable : kNotRecorded;
}

Cell scoreCell(const std::optional<double>& value, bool anyInput) {
    return value ? number(*value) : missing(anyInput ? Missing::NotComputable : Missing::NotRecorded);
}

/// A date of the patient as exported: recorded (identified), shifted by the patient's offset, or
/// days since baseline.
Cell dateCell(const PatientData& p, const std::optional<Date>& date) {
    if (!date)
        return missing();
    if (!p.context->key || p.context->options->dateMode == DateMode::Shifted)
        return number(static_cast<double>((*date - kEpoch).days() + p.shiftDays));
    if (!p.baseline)
        return missing();
    return number(static_cast<double>((*date - *p.baseline).days()));
}

Cell readerCell(const ExportContext& context, const std::string& reader) {
    return text(context.key ? context.key->readerPseudonym(reader) : reader);
}

Column readerColumn(const Builder& b, std::string name, const Text& label, std::string form) {
    Column column = b.identified() ? makeColumn(std::move(name), label, ValueType::Text)
                                   : makeColumn(std::move(name),
                                                trf("{1} (keyed pseudonym of the reader's name)", {label}),
                                                ValueType::Text, "", "keyed hash of the reader's name");
    column.key = true;
    column.form = std::move(form);
    return column;
}

Column makeColumn(std::string name, Text label, ValueType type, std::string unit, std::string computed) {
    Column column;
    column.name = std::move(name);
    column.label = std::move(label);
    column.type = type;
    column.unit = std::move(unit);
    column.computed = std::move(computed);
    column.missing = kEmptyNotRecorded;
    return column;
}

}  // namespace ankylos::exports::fields
