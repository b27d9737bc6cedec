#include "export/redcap.h"

#include <cmath>

#include "core/csv_text.h"
#include "core/format.h"
#include "export/csv_writer.h"
#include "storage/errors.h"

namespace ankylos::exports {

std::vector<std::string> redcapFieldNameProblems(const std::string& name) {
    std::vector<std::string> problems;
    if (name.empty())
        return {"empty field name"};
    if (name.size() > 100)
        problems.push_back(name + ": longer than 100 characters");
    if (!(name[0] >= 'a' && name[0] <= 'z'))
        problems.push_back(name + ": does not start with a lowercase letter");
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            problems.push_back(name + ": characters other than a-z, 0-9 and _");
            break;
        }
    for (const char* reserved : {"redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance",
                                 "redcap_data_access_group", "redcap_survey_identifier"})
        if (name == reserved)
            problems.push_back(name + ": reserved by REDCap");
    const std::string complete = "_complete";
    if (name.size() >= complete.size() &&
        name.compare(name.size() - complete.size(), complete.size(), complete) == 0)
        problems.push_back(name + ": ends in _complete (REDCap's form status fields)");
    return problems;
}

std::string redcapEventName(int visitNumber) {
    return "visit_" + std::to_string(visitNumber) + "_arm_1";
}

namespace {

void writeLine(std::ofstream& out, const std::vector<std::string>& fields) {
    std::string line;
    core::appendCsvRecord(line, fields);
    out << line;
}

void close(std::ofstream& out, const std::filesystem::path& file) {
    out.close();
    if (!out)
        throw storage::StorageError("writing " + file.string() + " failed (disk full?)");
}

std::ofstream open(const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw storage::StorageError("cannot write " + file.string());
    return out;
}

std::string choices(const std::vector<ValueLabel>& labels) {
    std::string text;
    for (const ValueLabel& label : labels)
        text += (text.empty() ? "" : " | ") + std::to_string(label.code) + ", " + label.label.english();
    return text;
}

bool isYesNo(const Column& column) {
    return column.valueLabels.size() == 2 && column.valueLabels[0].code == 0 &&
           column.valueLabels[0].label.english() == "no" && column.valueLabels[1].code == 1 &&
           column.valueLabels[1].label.english() == "yes";
}

void writeField(std::ofstream& out, const Column& column, const std::string& form, bool recordId) {
    std::string type = "text", choiceText, validation, min, max;
    switch (column.type) {
        case ValueType::Text:
            break;
        case ValueType::Date:
            validation = "date_ymd";
            break;
        case ValueType::Integer:
            validation = "integer";
            break;
        case ValueType::Number:
            validation = "number";
            break;
        case ValueType::Category:
            if (isYesNo(column)) {
                type = "yesno";
            } else {
                type = "dropdown";
                choiceText = choices(column.valueLabels);
            }
            break;
    }
    if (!validation.empty() && validation != "date_ymd") {
        if (column.min)
            min = core::formatNumber(*column.min);
        if (column.max)
            max = core::formatNumber(*column.max);
    }
    std::string note = column.unit;
    if (column.computed != "recorded")
        note += (note.empty() ? "" : "; ") + std::string("computed by Ankylos: ") + column.computed;
    writeLine(out, {column.name, form, "", type, column.label.english(), choiceText, note, validation, min,
                    max, column.identifying ? "y" : "", "", recordId ? "y" : "", "", "", "", "", ""});
}

}  // namespace

bool RedcapRepeating::isField(std::size_t i) const {
    const Column& column = (*columns)[i];
    return i > 0 && column.name != instanceColumn && !column.gradeWithNa;
}

void writeRedcapDictionary(const std::filesystem::path& file, const std::vector<Column>& columns,
                           const std::vector<RedcapRepeating>& repeating) {
    std::ofstream out = open(file);
    writeLine(
        out, {"Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
              "Choices, Calculations, OR Slider Labels", "Field Note",
              "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max",
              "Identifier?", "Branching Logic (Show field only if...)", "Required Field?", "Custom Alignment",
              "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?", "Field Annotation"});
    for (std::size_t i = 0; i < columns.size(); ++i) {
        // The record ID lives on the first instrument, which is on the first event only.
        const std::string form = i == 0 || columns[i].form == "patient" ? "patient" : "visit";
        writeField(out, columns[i], form, i == 0);
    }
    for (const RedcapRepeating& instrument : repeating)
        for (std::size_t i = 0; i < instrument.columns->size(); ++i)
            if (instrument.isField(i))
                writeField(out, (*instrument.columns)[i], instrument.form, false);
    close(out, file);
}

void writeRedcapEvents(const std::filesystem::path& eventsFile, const std::filesystem::path& mappingFile,
                       int events, const std::vector<RedcapRepeating>& repeating) {
    std::ofstream out = open(eventsFile);
    writeLine(out, {"event_name", "arm_num", "unique_event_name"});
    for (int k = 1; k <= events; ++k)
        writeLine(out, {k == 1 ? "Baseline" : "Visit " + std::to_string(k), "1", redcapEventName(k)});
    close(out, eventsFile);
    std::ofstream mapping = open(mappingFile);
    writeLine(mapping, {"arm_num", "unique_event_name", "form"});
    for (int k = 1; k <= events; ++k) {
        if (k == 1) {
            writeLine(mapping, {"1", redcapEventName(k), "patient"});
            for (const RedcapRepeating& instrument : repeating)
                writeLine(mapping, {"1", redcapEventName(k), instrument.form});
        }
        writeLine(mapping, {"1", redcapEventName(k), "visit"});
    }
    close(mapping, mappingFile);
}

void writeRedcapRepeatingInstruments(const std::filesystem::path& file,
                                     const std::vector<RedcapRepeating>& repeating) {
    std::ofstream out = open(file);
    writeLine(out, {"event_name", "form_name", "custom_form_label"});
    for (const RedcapRepeating& instrument : repeating)
        writeLine(out, {redcapEventName(1), instrument.form, instrument.label});
    close(out, file);
}

RedcapDataWriter::RedcapDataWriter(const std::filesystem::path& file, const std::vector<Column>& columns,
                                   std::vector<RedcapRepeating> repeating)
    : m_file(file), m_out(open(file)), m_columns(columns), m_repeating(std::move(repeating)) {
    const auto indexOf = [](const std::vector<Column>& of, const std::string& name) {
        for (std::size_t i = 0; i < of.size(); ++i)
            if (of[i].name == name)
                return i;
        throw InternalError("the REDCap export needs the " + name + " column");
    };
    m_visitNumber = indexOf(columns, "visit_number");
    std::vector<std::string> names = {columns.front().name, "redcap_event_name", "redcap_repeat_instrument",
                                      "redcap_repeat_instance"};
    for (std::size_t i = 1; i < columns.size(); ++i)
        names.push_back(columns[i].name);
    for (const RedcapRepeating& instrument : m_repeating) {
        m_instanceColumn.push_back(indexOf(*instrument.columns, instrument.instanceColumn));
        for (std::size_t i = 0; i < instrument.columns->size(); ++i)
            if (instrument.isField(i))
                names.push_back((*instrument.columns)[i].name);
    }
    core::appendCsvRecord(m_line, names);
    m_out << m_line;
}

void RedcapDataWriter::skipRepeating(std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
        for (std::size_t i = 0; i < m_repeating[k].columns->size(); ++i)
            if (m_repeating[k].isField(i))
                m_line += core::kCsvSeparator;
}

void RedcapDataWriter::row(const std::vector<Cell>& cells) {
    const int visit = static_cast<int>(std::lround(cells[m_visitNumber].number));
    m_events = std::max(m_events, visit);
    m_line.clear();
    appendCsvCell(m_line, m_columns[0], cells[0]);
    m_line += core::kCsvSeparator;
    m_line += redcapEventName(visit);
    m_line += core::kCsvSeparator;  // not a repeating instrument: no instrument, no instance
    m_line += core::kCsvSeparator;
    for (std::size_t i = 1; i < cells.size(); ++i) {
        m_line += core::kCsvSeparator;
        // Patient fields belong to the first event's instrument; REDCap refuses them elsewhere.
        if (m_columns[i].form == "patient" && visit != 1)
            continue;
        // REDCap has no "NA": a site grade is not in this table; any other missing is empty.
        if (cells[i].missing == Missing::None)
            appendCsvCell(m_line, m_columns[i], cells[i]);
    }
    skipRepeating(0, m_repeating.size());
    m_line += core::kCsvRecordEnd;
    m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    ++m_rows;
}

void RedcapDataWriter::repeatingRow(std::size_t k, const std::vector<Cell>& cells) {
    const RedcapRepeating& instrument = m_repeating.at(k);
    const std::vector<Column>& columns = *instrument.columns;
    m_line.clear();
    appendCsvCell(m_line, columns[0], cells[0]);
    m_line += core::kCsvSeparator;
    m_line += redcapEventName(1);
    m_line += core::kCsvSeparator;
    m_line += instrument.form;
    m_line += core::kCsvSeparator;
    m_line += std::to_string(std::lround(cells[m_instanceColumn[k]].number));
    for (std::size_t i = 1; i < m_columns.size(); ++i)
        m_line += core::kCsvSeparator;  // the visit and patient fields belong to other instruments
    skipRepeating(0, k);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!instrument.isField(i))
            continue;
        m_line += core::kCsvSeparator;
        if (cells[i].missing == Missing::None)
            appendCsvCell(m_line, columns[i], cells[i]);
    }
    skipRepeating(k + 1, m_repeating.size());
    m_line += core::kCsvRecordEnd;
    m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    ++m_rows;
}

void RedcapDataWriter::finish() {
    close(m_out, m_file);
}

}  // namespace ankylos::exports
