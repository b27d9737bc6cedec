// Fuzzing ankylos-cli from the outside, with fixed seeds (issue 11): a visit-CSV import mutator and
// a `calc` argument fuzzer. Properties: exit status 0 or 2 only (never 3, never a signal); a
// refused import leaves the database byte-identical and `check` passes; an accepted import
// re-exports to the same values, and that export re-imports and re-exports byte-identically.
// ctest runs a few hundred cases; .ci/fuzz runs thousands: ANKYLOS_FUZZ_SEED and
// ANKYLOS_FUZZ_CASES override the seed and the number of cases of each fuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

std::uint32_t fuzzSeed(std::uint32_t fallback) {
    const char* text = std::getenv("ANKYLOS_FUZZ_SEED");
    return text ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : fallback;
}

int fuzzCases(int fallback) {
    const char* text = std::getenv("ANKYLOS_FUZZ_CASES");
    return text ? std::atoi(text) : fallback;
}

// ---- CSV records -----------------------------------------------------------------------------

using Record = std::vector<std::string>;

/// RFC 4180 records of a CSV text (the BOM removed); lenient: the mutator's own view of a file.
std::vector<Record> parseCsv(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3);
    std::vector<Record> records;
    Record record(1);
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                record.back() += text[++i];
            else if (c == '"')
                quoted = false;
            else
                record.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.emplace_back();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            records.push_back(record);
            record.assign(1, "");
        } else {
            record.back() += c;
        }
    }
    if (record.size() > 1 || !record[0].empty())
        records.push_back(record);
    return records;
}

/// A valid file touching every kind of column: text, numbers, units, detection limits, sample
/// types and dates, BMD with vertebrae and device, two readers of one film, NA reasons.
const char* const kSeedCsv =
    "patient_id,name,sex,birth_date,hla_b27,symptom_onset,diagnosis_date,smoking,patient_notes,visit_date,"
    "postmenopausal,basdai_q1,basdai_q2,basdai_q3,basdai_q4,basdai_q5,basdai_q6,patient_global,basfi_q1,"
    "basmi_schober_cm,visit_notes,crp_value,crp_unit,crp_below_lod,crp_lod,crp_assay,crp_sample_type,"
    "crp_laboratory,crp_sample_date,esr_value,esr_unit,bmd_lumbar_g_cm2,bmd_lumbar_t_score,bmd_lumbar_z_"
    "score,"
    "bmd_lumbar_vertebrae,bmd_total_hip_g_cm2,dxa_manufacturer,dxa_model,film_reader,film_reading_date,"
    "film_chronology_known,msasss_C2_inf,msasss_C3_sup,msasss_L1_sup,msasss_L4_inf,msasss_S1_sup\r\n"
    "AS-1,王芳,F,1970-03-04,positive,1990-01-01,1995-06-01,former,\"lives far, "
    "\"\"quiet\"\"\",2019-05-06,yes,"
    "3,4,2.5,1,6,5,4,3,4.5,first visit,12.5,mg/L,no,0.3,hsCRP,serum,Central lab,2019-05-04,20,mm/h,0.95,"
    "-1.2,-0.4,L1-L4,0.81,Hologic,Discovery,Reader A,2019-06-01,no,0,1,2,NA:not_visible,3\r\n"
    "AS-1,王芳,F,1970-03-04,positive,1990-01-01,1995-06-01,former,\"lives far, "
    "\"\"quiet\"\"\",2019-05-06,yes,"
    "3,4,2.5,1,6,5,4,3,4.5,first visit,12.5,mg/L,no,0.3,hsCRP,serum,Central lab,2019-05-04,20,mm/h,0.95,"
    "-1.2,-0.4,L1-L4,0.81,Hologic,Discovery,Reader B,,yes,0,1,2,NA,3\r\n"
    "AS-1,王芳,F,1970-03-04,positive,1990-01-01,1995-06-01,former,\"lives far, \"\"quiet\"\"\",2021-02-28,no,"
    "1,2,0,0,1,1,2,1,5,\"two\nlines\",0.3,mg/dL,yes,0.3,,,,,,,,,,,,,,,,,,,,,\r\n"
    "B-2,Smith,M,1960-12-31,negative,,,never,,2020-01-15,,10,10,10,10,10,10,10,10,0,,2,mg/L,yes,2,,plasma,,"
    ",130,mm/h,,,,,,,,Reader A,2020-02-01,no,3,3,3,3,3\r\n"
    "C-3,'=not a formula,M,1980-01-01,unknown,,,unknown,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n";

/// Values that have broken parsers before: numbers at the edges, impossible dates, UTF-8 edge
/// cases, quotes, control characters, formula cells, and very long text.
const std::vector<std::string>& interestingValues() {
    static const std::vector<std::string> values = {
        "",
        "0",
        "-0",
        "10",
        "10.0000000001",
        "-1",
        "1e308",
        "1e309",
        "-1e400",
        "4.9e-324",
        "99999999999999999999999",
        "0x10",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "1,5",
        " 5",
        "5 ",
        "2021-02-30",
        "2021-02-29",
        "2020-02-29",
        "0000-01-01",
        "1399-12-31",
        "9999-12-31",
        "2099-01-01",
        "2020-13-01",
        "2020-1-1",
        "20200101",
        "M",
        "F",
        "m",
        "x",
        "yes",
        "no",
        "YES",
        "NA",
        "na",
        "NA:other",
        "NA:bogus",
        "L1,L2",
        "L1-L1",
        "L4-L1",
        "mg/L",
        "mg/dL",
        "µg/L",
        "\xC0\x80",
        "\xED\xA0\x80",
        "\xF4\x90\x80\x80",
        "\xEF\xBB\xBF",
        "\xFF",
        "\xE2\x80\xAE"
        "evil",
        "e\xCC\x81",
        "\xF0\x9F\x98\x80",
        "\"",
        "a\"b",
        "\"\"",
        std::string("A\0B", 3),
        "\x01",
        "\x1f",
        "\x7f",
        "\r",
        "\n",
        "\t",
        "=1+1",
        "'=1+1",
        "''",
        "'",
        "+",
        "-",
        "@SUM(A1)",
        "-1.2",
        std::string(10000, 'x'),
        "Reader A",
        "reader a",
    };
    return values;
}

class CsvMutator {
public:
    explicit CsvMutator(std::uint32_t seed) : m_random(seed) {}

    std::string mutate(const std::string& seedText) {
        const int mutations = 1 + pick(3);
        std::string text = seedText;
        for (int m = 0; m < mutations; ++m)
            text = pick(4) == 0 ? mutateBytes(text) : mutateRecords(text);
        return text;
    }

private:
    std::size_t pick(std::size_t n) { return n ? m_random() % n : 0; }

    std::string mutateBytes(std::string text) {
        if (text.empty())
            return text;
        switch (pick(4)) {
            case 0:  // flip a byte
                text[pick(text.size())] = static_cast<char>(pick(256));
                return text;
            case 1:  // truncate
                return text.substr(0, pick(text.size()));
            case 2:  // an unbalanced quote
                return text.insert(pick(text.size()), "\"");
            default:  // a stray separator or line break
                return text.insert(pick(text.size()), pick(2) ? "," : "\n");
        }
    }

    std::string mutateRecords(const std::string& text) {
        std::vector<Record> records = parseCsv(text);
        if (records.empty())
            return text;
        const std::size_t width = records[0].size();
        const std::size_t column = pick(width);
        switch (pick(6)) {
            case 0:  // duplicate a column
                for (Record& r : records)
                    if (column < r.size())
                        r.insert(r.begin() + static_cast<long>(column), r[column]);
                break;
            case 1:  // remove a column
                for (Record& r : records)
                    if (column < r.size())
                        r.erase(r.begin() + static_cast<long>(column));
                break;
            case 2:  // duplicate or remove a row
                if (records.size() > 1) {
                    const std::size_t row = 1 + pick(records.size() - 1);
                    if (pick(2))
                        records.insert(records.begin() + static_cast<long>(row), records[row]);
                    else
                        records.erase(records.begin() + static_cast<long>(row));
                }
                break;
            default: {  // an interesting value in a cell (header included, now and then)
                const std::size_t row = pick(8) == 0 ? 0 : pick(records.size());
                if (column < records[row].size())
                    records[row][column] = interestingValues()[pick(interestingValues().size())];
                break;
            }
        }
        return csvText(records);
    }

    std::mt19937 m_random;
};

// ---- comparing values ------------------------------------------------------------------------

std::string unescaped(const std::string& cell) {
    return !cell.empty() && cell[0] == '\'' ? cell.substr(1) : cell;
}

/// The vertebrae a cell names ("L1-L3" and "L1,L2,L3" are the same).
std::string vertebraeSet(const std::string& cell) {
    std::set<char> found;
    for (std::size_t i = 0; i + 1 < cell.size(); ++i) {
        if (cell[i] != 'L')
            continue;
        const char first = cell[i + 1];
        found.insert(first);
        if (i + 4 < cell.size() && cell[i + 2] == '-' && cell[i + 3] == 'L')
            for (char c = first; c <= cell[i + 4]; ++c)
                found.insert(c);
    }
    return std::string(found.begin(), found.end());
}

/// The same value as the importer reads it: numbers as numbers, words in any case, NA reasons.
bool sameValue(const std::string& column, const std::string& input, const std::string& exported) {
    const std::string a = unescaped(input), b = unescaped(exported);
    if (a == b)
        return true;
    // Empty cells that db/visit_csv.md defines as a value, which export writes.
    const bool endsBelowLod = column.size() > 10 && column.compare(column.size() - 10, 10, "_below_lod") == 0;
    if (a.empty() && (column == "film_chronology_known" || endsBelowLod))
        return b == "no";
    if (a.empty() && (column == "hla_b27" || column == "smoking"))
        return b == "unknown";
    if (column == "bmd_lumbar_vertebrae")
        return vertebraeSet(a) == vertebraeSet(b);
    char* endA = nullptr;
    char* endB = nullptr;
    const double x = std::strtod(a.c_str(), &endA);
    const double y = std::strtod(b.c_str(), &endB);
    if (!a.empty() && !b.empty() && *endA == 0 && *endB == 0)
        return x == y;
    const auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        return s;
    };
    return lower(a) == lower(b) || lower(a) == lower(b) + ":other";
}

/// Every cell of every accepted row comes back in the export with the same value. Rows are
/// matched by patient, visit date and reader; a sample date equal to the visit date is written
/// empty, and a patient row without a visit is not written for a patient who has visits.
void expectSameValues(const std::string& input, const std::string& exported, const std::string& what) {
    const std::vector<Record> in = parseCsv(input), out = parseCsv(exported);
    ASSERT_FALSE(in.empty());
    ASSERT_FALSE(out.empty());
    std::map<std::string, std::size_t> outColumn;
    for (std::size_t i = 0; i < out[0].size(); ++i)
        outColumn[out[0][i]] = i;
    const auto cellOf = [&](const Record& r, const Record& header, const std::string& name) {
        const auto at = std::find(header.begin(), header.end(), name) - header.begin();
        return static_cast<std::size_t>(at) < r.size() ? r[at] : std::string();
    };
    std::map<std::string, const Record*> exportedRows;
    std::set<std::string> patientsWithVisits;
    for (std::size_t r = 1; r < out.size(); ++r) {
        const std::string id = unescaped(cellOf(out[r], out[0], "patient_id"));
        exportedRows[id + "|" + cellOf(out[r], out[0], "visit_date") + "|" +
                     unescaped(cellOf(out[r], out[0], "film_reader"))] = &out[r];
        if (!cellOf(out[r], out[0], "visit_date").empty())
            patientsWithVisits.insert(id);
    }
    for (std::size_t r = 1; r < in.size(); ++r) {
        if (std::all_of(in[r].begin(), in[r].end(), [](const std::string& c) { return c.empty(); }))
            continue;
        const std::string id = unescaped(cellOf(in[r], in[0], "patient_id"));
        const std::string date = cellOf(in[r], in[0], "visit_date");
        if (date.empty() && patientsWithVisits.count(id))
            continue;
        const auto found =
            exportedRows.find(id + "|" + date + "|" + unescaped(cellOf(in[r], in[0], "film_reader")));
        ASSERT_NE(found, exportedRows.end())
            << what << ": row " << r + 1 << " of the input is not in the export";
        for (std::size_t c = 0; c < in[0].size() && c < in[r].size(); ++c) {
            const std::string& name = in[0][c];
            const std::string value = (*found->second)[outColumn.at(name)];
            const bool sampleDateIsVisitDate =
                name.find("_sample_date") != std::string::npos && value.empty() && in[r][c] == date;
            EXPECT_TRUE(sameValue(name, in[r][c], value) || sampleDateIsVisitDate)
                << what << ": line " << r + 1 << ", " << name << ": imported \"" << in[r][c]
                << "\", exported \"" << value << "\"";
        }
    }
}

// ---- the fuzzers -----------------------------------------------------------------------------

class Fuzz : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("ankylos-fuzz-" + std::to_string(getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override {
        if (!HasFailure())
            fs::remove_all(m_dir);
    }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    /// The database and every file beside it that Ankylos keeps (key, chain head, WAL), by name.
    std::map<std::string, std::string> snapshot(const std::string& db) const {
        std::map<std::string, std::string> files;
        const std::string name = fs::path(db).filename().string();
        for (const auto& entry : fs::directory_iterator(m_dir)) {
            const std::string file = entry.path().filename().string();
            if (file.rfind(name, 0) == 0 && file.find("-shm") == std::string::npos)
                files[file] = readFile(entry.path().string());
        }
        return files;
    }

    /// Removes every file whose name starts with prefix ("case.db" and its key, head and WAL; "x."
    /// and the export's manifest): each case starts without them.
    void removeStartingWith(const std::string& prefix) const {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(m_dir))
            if (entry.path().filename().string().rfind(prefix, 0) == 0)
                files.push_back(entry.path());
        for (const fs::path& file : files)
            fs::remove(file);
    }

    /// Runs a command that must succeed.
    void succeed(const std::vector<std::string>& arguments, const std::string& what) {
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 0) << what << ": " << arguments[0] << "\n" << result.err;
    }

    /// Runs a command; fails unless it exits 0 or 2. Returns the result.
    CliResult run(const std::vector<std::string>& arguments, const std::string& what) {
        const CliResult result = runCli(arguments);
        EXPECT_TRUE(result.exitCode == 0 || result.exitCode == 2)
            << what << ": exit " << result.exitCode << "\n"
            << result.err;
        return result;
    }

    fs::path m_dir;
};

/// Keeps a failing input for the report, named after the seed and case.
std::string keep(const std::string& dir, std::uint32_t seed, int n, const std::string& text) {
    const std::string file = dir + "/failing-" + std::to_string(seed) + "-" + std::to_string(n) + ".csv";
    writeFile(file, text);
    return file;
}

TEST_F(Fuzz, CsvImportIsAllOrNothingAndWhatIsAcceptedComesBack) {
    const std::uint32_t seed = fuzzSeed(20261201);
    const int cases = fuzzCases(60);
    CsvMutator mutator(seed);
    int accepted = 0;
    for (int n = 0; n < cases && !HasFailure(); ++n) {
        const std::string input = n == 0 ? std::string(kSeedCsv) : mutator.mutate(kSeedCsv);
        writeFile(path("in.csv"), input);
        const std::string db = path("case.db");
        removeStartingWith("case.db");
        ASSERT_EQ(runCli({"init", db}).exitCode, 0);
        const auto before = snapshot(db);
        const std::string what = "seed " + std::to_string(seed) + " case " + std::to_string(n);
        const CliResult imported = run({"import", db, path("in.csv"), "--confirm-warnings"}, what);
        if (std::getenv("ANKYLOS_FUZZ_VERBOSE"))
            std::cerr << what << ": exit " << imported.exitCode << "\n"
                      << imported.err.substr(0, 600) << "\n";
        if (imported.exitCode != 0) {
            EXPECT_TRUE(snapshot(db) == before) << what << ": a refused import changed the files";
            succeed({"check", db}, what);
        } else {
            ++accepted;
            removeStartingWith("x.");
            succeed({"export", db, "--out", path("x.csv")}, what);
            expectSameValues(input, readFile(path("x.csv")), what);
            const std::string again = path("again.db");
            removeStartingWith("again.db");
            removeStartingWith("y.");
            succeed({"init", again}, what);
            succeed({"import", again, path("x.csv"), "--confirm-warnings"}, what);
            succeed({"export", again, "--out", path("y.csv")}, what);
            EXPECT_TRUE(readFile(path("y.csv")) == readFile(path("x.csv")))
                << what << ": the re-export differs";
        }
        if (HasFailure())
            ADD_FAILURE() << what << ": input kept as " << keep(m_dir.string(), seed, n, input);
    }
    std::cout << "seed " << seed << ": " << cases << " imports, " << accepted << " accepted\n";
    if (cases >= 50) {  // a short run may, by chance, import nothing
        EXPECT_GT(accepted, 1) << "the mutator should leave some files importable";
    }
}

/// calc arguments: a subcommand and a mix of valid and interesting values.
class CalcArguments {
public:
    explicit CalcArguments(std::uint32_t seed) : m_random(seed) {}

    std::vector<std::string> next() {
        std::vector<std::string> args = {"calc"};
        switch (pick(6)) {
            case 0:
                args.push_back("basdai");
                for (int i = 0, n = static_cast<int>(pick(8)); i < n; ++i)
                    args.push_back(number());
                break;
            case 1:
                args.insert(args.end(), {"asdas", "--back", number(), "--duration", number(), "--global",
                                         number(), "--peripheral", number()});
                if (pick(2))
                    args.insert(args.end(), {pick(2) ? "--crp" : "--esr", number()});
                if (pick(3) == 0)
                    args.insert(args.end(), {"--crp-unit", any({"mg/L", "mg/dL", "g/L", ""})});
                if (pick(4) == 0)
                    args.push_back("--crp-below-lod");
                break;
            case 2:
                args.insert(args.end(),
                            {"bmd", "--sex", any({"M", "F", "x", ""}), "--birth", date(), "--scan", date()});
                for (int i = 0, n = 1 + static_cast<int>(pick(3)); i < n; ++i)
                    args.insert(args.end(),
                                {"--site", any({"lumbar", "femoral_neck", "total_hip", "radius_33", "x"}) +
                                               ":" + number() + ":" + number() + ":" + number() +
                                               (pick(3) ? "" : ":" + any({"L1-L4", "L2", "L1,L1", "x"}))});
                if (pick(2))
                    args.push_back("--postmenopausal");
                break;
            case 3:
                args.insert(args.end(), {"msasss", grades()});
                break;
            case 4:
                args.push_back("progression");
                for (int i = 0, n = static_cast<int>(pick(4)); i < n; ++i)
                    args.insert(args.end(), {"--film", date() + ":" + grades()});
                if (pick(3) == 0)
                    args.insert(args.end(),
                                {"--setting", any({"progression.min_change_units", "x"}) + "=" + number()});
                break;
            default:
                args.push_back(any({"basdai", "asdas", "bmd", "msasss", "progression", "nope", ""}));
                args.push_back(value());
                args.push_back(value());
        }
        return args;
    }

private:
    std::size_t pick(std::size_t n) { return m_random() % n; }
    std::string any(std::initializer_list<const char*> choices) {
        return *(choices.begin() + static_cast<long>(pick(choices.size())));
    }
    std::string value() { return interestingValues()[pick(interestingValues().size())]; }
    /// Mostly a value in 0-10 (valid for scores), sometimes an interesting one.
    std::string number() {
        if (pick(8) == 0)
            return value();
        const std::size_t whole = pick(11);
        return std::to_string(whole) + (whole < 10 && pick(2) ? ".5" : "");
    }
    /// Mostly a past calendar date, sometimes an interesting value.
    std::string date() {
        if (pick(8) == 0)
            return value();
        return std::to_string(1940 + pick(80)) + "-0" + std::to_string(1 + pick(9)) + "-" +
               std::to_string(10 + pick(19));
    }
    /// Mostly 24 valid grades, sometimes a wrong count, a wrong grade or an interesting value.
    std::string grades() {
        std::string text;
        const std::size_t count = pick(8) ? 24 : pick(30);
        for (std::size_t i = 0; i < count; ++i)
            text +=
                (i ? "," : "") + (pick(40) ? std::to_string(pick(4)) : any({"NA", "na", "4", "-1", "", "x"}));
        return pick(8) ? text : value();
    }

    std::mt19937 m_random;
};

TEST_F(Fuzz, CalcArgumentsGiveJsonOrARefusal) {
    const std::uint32_t seed = fuzzSeed(20261202);
    const int cases = fuzzCases(200);
    CalcArguments generator(seed);
    int computed = 0;
    for (int n = 0; n < cases; ++n) {
        const std::vector<std::string> args = generator.next();
        std::string shown;
        for (const std::string& a : args)
            shown += " '" + a + "'";
        const CliResult result = runCli(args);
        const std::string what = "seed " + std::to_string(seed) + " case " + std::to_string(n) + ":" + shown;
        ASSERT_TRUE(result.exitCode == 0 || result.exitCode == 2)
            << what << "\nexit " << result.exitCode << "\n"
            << result.err;
        if (result.exitCode == 0) {
            ++computed;
            EXPECT_TRUE(nlohmann::json::accept(result.out)) << what << "\n" << result.out;
        } else {
            EXPECT_EQ(result.out, "") << what;
            EXPECT_NE(result.err, "") << what;
        }
    }
    std::cout << "seed " << seed << ": " << cases << " calc runs, " << computed << " computed\n";
    if (cases >= 50) {
        EXPECT_GT(computed, 0) << "the generator should give some valid argument lists";
    }
}

}  // namespace
}  // namespace ankylos::test
