#pragma once
/// SPSS .sav and Stata .dta output through ReadStat: variable labels, value labels, and the three
/// kinds of missing kept apart: SPSS user-missing codes -9 (not recorded), -8 (not computable), -7
/// (not assessable), each labelled; Stata extended missing .a, .b, .c, labelled. Dates are real
/// date variables (SPSS SDATE10, Stata %td).

#include <filesystem>
#include <memory>
#include <vector>

#include "export/table.h"

namespace ankylos::exports {

enum class StatFormat { Sav, Dta };

class ReadStatWriter {
public:
    /// rows: the exact number of rows that will follow; textWidths: the longest text in bytes of
    /// each column (ignored for non-text columns). Throws StorageError when the file cannot be
    /// written.
    ReadStatWriter(const std::filesystem::path& file, StatFormat format, const std::vector<Column>& columns,
                   std::size_t rows, const std::vector<std::size_t>& textWidths,
                   const std::string& fileLabel);
    ~ReadStatWriter();
    ReadStatWriter(const ReadStatWriter&) = delete;
    ReadStatWriter& operator=(const ReadStatWriter&) = delete;

    void row(const std::vector<Cell>& cells);
    /// Ends the file; throws InternalError when fewer rows came than announced.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ankylos::exports
