#include "export/readstat_writer.h"

#include <readstat.h>

#include <cmath>
#include <cstdio>

#include "storage/errors.h"

namespace ankylos::exports {

namespace {

constexpr double kSpssNotRecorded = -9;
constexpr double kSpssNotComputable = -8;
constexpr double kSpssNotAssessable = -7;

/// Days between 1970-01-01 and the SPSS (1582-10-14) and Stata (1960-01-01) epochs.
constexpr double kSpssEpochDays = 141428;
constexpr double kStataEpochDays = 3653;

ssize_t writeBytes(const void* data, size_t length, void* context) {
    return static_cast<ssize_t>(std::fwrite(data, 1, length, static_cast<std::FILE*>(context)));
}

void check(readstat_error_t error, const std::string& what) {
    if (error != READSTAT_OK)
        throw storage::StorageError(what + ": " + readstat_error_message(error));
}

}  // namespace

struct ReadStatWriter::Impl {
    std::filesystem::path file;
    StatFormat format = StatFormat::Sav;
    std::FILE* out = nullptr;
    readstat_writer_t* writer = nullptr;
    const std::vector<Column>* columns = nullptr;
    std::vector<readstat_variable_t*> variables;
    std::size_t expected = 0;
    std::size_t written = 0;

    ~Impl() {
        if (writer)
            readstat_writer_free(writer);
        if (out)
            std::fclose(out);
    }
};

ReadStatWriter::ReadStatWriter(const std::filesystem::path& file, StatFormat format,
                               const std::vector<Column>& columns, std::size_t rows,
                               const std::vector<std::size_t>& textWidths, const std::string& fileLabel)
    : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.file = file;
    d.format = format;
    d.columns = &columns;
    d.expected = rows;
    d.out = std::fopen(file.c_str(), "wb");
    if (!d.out)
        throw storage::StorageError("cannot write " + file.string());
    d.writer = readstat_writer_init();
    check(readstat_set_data_writer(d.writer, &writeBytes), "ReadStat");
    check(readstat_writer_set_file_label(d.writer, fileLabel.c_str()), "ReadStat file label");
    const bool sav = format == StatFormat::Sav;
    if (!sav)
        check(readstat_writer_set_file_format_version(d.writer, 118), "ReadStat Stata version");  // UTF-8

    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column& column = columns[i];
        readstat_variable_t* variable = nullptr;
        if (column.type == ValueType::Text) {
            const std::size_t width = std::max<std::size_t>(1, i < textWidths.size() ? textWidths[i] : 1);
            variable = readstat_add_variable(d.writer, column.name.c_str(), READSTAT_TYPE_STRING, width);
        } else {
            variable = readstat_add_variable(d.writer, column.name.c_str(), READSTAT_TYPE_DOUBLE, 0);
        }
        std::string label = column.label.english() + (column.unit.empty() ? "" : " [" + column.unit + "]");
        if (label.size() > 80 && !sav)
            label = label.substr(0, 77) + "...";  // Stata's variable label limit is 80 bytes
        readstat_variable_set_label(variable, label.c_str());
        if (column.type == ValueType::Date) {
            readstat_variable_set_format(variable, sav ? "SDATE10" : "%td");
        } else if (column.type != ValueType::Text) {
            readstat_label_set_t* labels =
                readstat_add_label_set(d.writer, sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32,
                                       ("labels" + std::to_string(i + 1)).c_str());
            for (const ValueLabel& value : column.valueLabels) {
                if (sav)
                    readstat_label_double_value(labels, value.code, value.label.english().c_str());
                else
                    readstat_label_int32_value(labels, value.code, value.label.english().c_str());
            }
            if (sav) {
                readstat_label_double_value(labels, kSpssNotRecorded, "not recorded");
                readstat_label_double_value(labels, kSpssNotComputable, "not computable");
                readstat_label_double_value(labels, kSpssNotAssessable, "not assessable");
                check(readstat_variable_add_missing_double_value(variable, kSpssNotRecorded),
                      "ReadStat missing");
                check(readstat_variable_add_missing_double_value(variable, kSpssNotComputable),
                      "ReadStat missing");
                check(readstat_variable_add_missing_double_value(variable, kSpssNotAssessable),
                      "ReadStat missing");
            } else {
                readstat_label_tagged_value(labels, 'a', "not recorded");
                readstat_label_tagged_value(labels, 'b', "not computable");
                readstat_label_tagged_value(labels, 'c', "not assessable");
            }
            readstat_variable_set_label_set(variable, labels);
            readstat_variable_set_measure(variable, column.type == ValueType::Category
                                                        ? READSTAT_MEASURE_NOMINAL
                                                        : READSTAT_MEASURE_SCALE);
        }
        d.variables.push_back(variable);
    }
    const long count = static_cast<long>(rows);
    check(sav ? readstat_begin_writing_sav(d.writer, d.out, count)
              : readstat_begin_writing_dta(d.writer, d.out, count),
          "writing " + file.string());
}

ReadStatWriter::~ReadStatWriter() = default;

void ReadStatWriter::row(const std::vector<Cell>& cells) {
    Impl& d = *m_impl;
    if (d.written == d.expected)
        throw InternalError("more rows than announced for " + d.file.string());
    const bool sav = d.format == StatFormat::Sav;
    check(readstat_begin_row(d.writer), "ReadStat row");
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Column& column = (*d.columns)[i];
        const Cell& cell = cells[i];
        readstat_variable_t* variable = d.variables[i];
        readstat_error_t error = READSTAT_OK;
        if (column.type == ValueType::Text) {
            error = cell.missing == Missing::None
                        ? readstat_insert_string_value(d.writer, variable, cell.text.c_str())
                        : readstat_insert_missing_value(d.writer, variable);
        } else if (cell.missing == Missing::None) {
            double value = cell.number;
            if (column.type == ValueType::Date)
                value = sav ? (value + kSpssEpochDays) * 86400.0 : value + kStataEpochDays;
            error = readstat_insert_double_value(d.writer, variable, value);
        } else if (column.type == ValueType::Date) {
            error = readstat_insert_missing_value(d.writer, variable);
        } else if (sav) {
            const double code = cell.missing == Missing::NotComputable   ? kSpssNotComputable
                                : cell.missing == Missing::NotAssessable ? kSpssNotAssessable
                                                                         : kSpssNotRecorded;
            error = readstat_insert_double_value(d.writer, variable, code);
        } else {
            const char tag = cell.missing == Missing::NotComputable   ? 'b'
                             : cell.missing == Missing::NotAssessable ? 'c'
                                                                      : 'a';
            error = readstat_insert_tagged_missing_value(d.writer, variable, tag);
        }
        check(error, "writing " + column.name + " to " + d.file.string());
    }
    check(readstat_end_row(d.writer), "ReadStat row");
    ++d.written;
}

void ReadStatWriter::finish() {
    Impl& d = *m_impl;
    if (d.written != d.expected)
        throw InternalError(std::to_string(d.written) + " rows written to " + d.file.string() + ", " +
                            std::to_string(d.expected) + " announced");
    check(readstat_end_writing(d.writer), "finishing " + d.file.string());
    readstat_writer_free(d.writer);
    d.writer = nullptr;
    const bool failed = std::fclose(d.out) != 0;
    d.out = nullptr;
    if (failed)
        throw storage::StorageError("writing " + d.file.string() + " failed (disk full?)");
}

}  // namespace ankylos::exports
