// Low-dose CT in research exports (docs/methods.md 12): the CT readings and CT pairs tables equal
// core's results, de-identified copies show no recorded date or reader name, SPSS and Stata files
// read back with their labels, REDCap leaves the quadrant grades out.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "core/ctss.h"
#include "core/ctss_progression.h"
#include "core/format.h"
#include "export/deidentify.h"
#include "export/table.h"
#include "export_fixture.h"
#include "storage/settings_store.h"

namespace ankylos::exports::test {
namespace {

/// The exported number equals core's value (shortest round-trip text), or the cell is empty.
void expectSame(const std::string& cell, const std::optional<double>& value, const std::string& what) {
    if (value) {
        ASSERT_FALSE(cell.empty()) << what;
        EXPECT_EQ(std::stod(cell), *value) << what;
    } else {
        EXPECT_EQ(cell, "") << what;
    }
}

std::string lowercase(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string output(const std::string& command) {
    std::string text;
    std::FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        text.append(buffer, n);
    if (pclose(pipe) != 0)
        throw std::runtime_error(command + " failed");
    return text;
}

class CtExportTest : public ExportTest {
protected:
    std::size_t ctReadings() const {
        std::size_t n = 0;
        for (const std::string& id : clinicIds())
            for (const core::CtScan& scan : history(id).ctScans)
                n += scan.readings.size();
        return n;
    }
    const core::CtScan& scanOn(const std::string& id, const std::string& iso) const {
        for (const core::CtScan& scan : history(id).ctScans)
            if (core::toIsoString(scan.date) == iso)
                return scan;
        throw std::runtime_error("no CT scan of " + id + " on " + iso);
    }
};

TEST_F(CtExportTest, ReadingTableHasTheScanTheReadingsScoresAndQuadrantGrades) {
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.ct_readings.csv"));
    const core::Settings settings = storage::readSettings(db());
    ASSERT_GT(ctReadings(), 0u) << "the demo cohort has low-dose CT scans";
    ASSERT_EQ(csv.rows.size(), ctReadings());
    std::size_t notAssessable = 0, imputed = 0;
    std::map<std::string, int> numbers;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const std::string id = csv.at(r, "patient_id");
        EXPECT_EQ(std::stoi(csv.at(r, "ct_reading_number")), ++numbers[id]);
        const core::CtScan& scan = scanOn(id, csv.at(r, "ct_date"));
        EXPECT_EQ(csv.at(r, "ct_scanner"), scan.device);
        EXPECT_EQ(csv.at(r, "ct_whole_spine"), scan.wholeSpine ? "1" : "0");
        const core::CtssReading* reading = nullptr;
        for (const core::CtssReading& candidate : scan.readings)
            if (candidate.reader == csv.at(r, "ct_reader"))
                reading = &candidate;
        ASSERT_NE(reading, nullptr);
        EXPECT_EQ(csv.at(r, "ct_reading_date"),
                  reading->readingDate ? core::toIsoString(*reading->readingDate) : "");
        const core::CtssScore score = core::scoreCtssReading(*reading, settings.ctss);
        const core::CtScanScore scanScore = core::scoreCtScan(scan, settings.ctss);
        expectSame(csv.at(r, "ctss_total"), score.total, "total");
        EXPECT_EQ(csv.at(r, "ctss_total_status"), score.total ? "1" : "2");
        expectSame(csv.at(r, "ctss_scan"), scanScore.value, "scan");
        EXPECT_EQ(std::stoi(csv.at(r, "ct_readers_used")), scanScore.readingsUsed);
        for (const core::CtssSegment segment : core::allCtssSegments()) {
            const std::string seg = core::toString(segment);
            expectSame(csv.at(r, "ctss_" + seg), score.segment(segment).value, seg);
            expectSame(csv.at(r, "ctss_scan_" + seg), core::scanSegment(scanScore, segment).value, seg);
            const int n = std::stoi(csv.at(r, "ct_" + seg.substr(0, 4) + "_imputed"));
            EXPECT_EQ(n, score.segment(segment).imputed) << seg;
            imputed += static_cast<std::size_t>(n);
            EXPECT_EQ(std::stoi(csv.at(r, "ct_" + seg.substr(0, 4) + "_not_assessable")),
                      score.segment(segment).notAssessable);
        }
        for (const core::Quadrant q : core::allQuadrants()) {
            const std::string& cell = csv.at(r, lowercase(core::quadrantId(q)));
            const auto& grade = reading->at(q);
            if (!grade) {
                EXPECT_EQ(cell, "");
            } else if (!grade->assessable()) {
                EXPECT_EQ(cell, "NA");
                ++notAssessable;
            } else {
                EXPECT_EQ(cell, std::to_string(grade->grade()));
            }
        }
    }
    EXPECT_GT(notAssessable, 0u) << "the demo cohort has quadrants not assessable";
    EXPECT_GT(imputed, 0u);
    // The 184 grades follow the scores, in the order of docs/methods.md 12.
    const int first = csv.column("c2_inf_ant");
    ASSERT_GT(first, 0);
    EXPECT_EQ(csv.header.at(static_cast<std::size_t>(first) + 183), "s1_sup_right");
    EXPECT_EQ(csv.header.at(static_cast<std::size_t>(first) + 48), "t1_inf_ant");
}

TEST_F(CtExportTest, PairTableEqualsCoresCtssReview) {
    run(options(ExportFormat::Progression, "pairs.csv", true));
    const Csv csv = readCsv(path("pairs.ct_progression.csv"));
    const core::Settings settings = storage::readSettings(db());
    std::size_t expected = 0, firstToLast = 0, progressing = 0;
    std::map<std::string, core::CtssProgressionReview> reviews;
    for (const std::string& id : clinicIds()) {
        reviews[id] = core::reviewCtssProgression(history(id).ctScans, settings);
        expected += reviews[id].pairs.size();
    }
    ASSERT_GT(expected, 0u);
    ASSERT_EQ(csv.rows.size(), expected);
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const std::string id = csv.at(r, "patient_id");
        const std::size_t k = static_cast<std::size_t>(std::stoi(csv.at(r, "ct_pair_number"))) - 1;
        const core::CtssProgressionResult& pair = reviews.at(id).pairs.at(k);
        const std::vector<core::CtScan>& scans = history(id).ctScans;
        const bool last = scans.size() >= 3 && k + 1 == reviews.at(id).pairs.size();
        EXPECT_EQ(csv.at(r, "ct_pair_kind"), last ? "2" : "1");
        firstToLast += last;
        EXPECT_EQ(csv.at(r, "ct_from_date"), core::toIsoString(pair.from));
        EXPECT_EQ(csv.at(r, "ct_to_date"), core::toIsoString(pair.to));
        expectSame(csv.at(r, "ct_years"), pair.intervalYears, "years");
        expectSame(csv.at(r, "ctss_from"), pair.scoreFrom, "from");
        expectSame(csv.at(r, "ctss_change"), pair.change, "change");
        EXPECT_EQ(std::stoi(csv.at(r, "ct_new_synd")), pair.events.newSyndesmophytes);
        EXPECT_EQ(std::stoi(csv.at(r, "ct_growing")), pair.events.growing);
        EXPECT_EQ(std::stoi(csv.at(r, "ct_regressions")), pair.events.regressions);
        EXPECT_EQ(csv.at(r, "ct_progression"), pair.progression ? (*pair.progression ? "1" : "0") : "");
        progressing += pair.progression.value_or(false);
        EXPECT_EQ(csv.at(r, "ct_crit_quadrants"), pair.quadrantCriterion ? "1" : "0");
        EXPECT_EQ(csv.at(r, "ct_progressor"), reviews.at(id).progressor ? "1" : "0");
        // Segment change: the later scan's segment (mean of its readers') minus the earlier's.
        const auto scoreOn = [&](core::Date d) {
            for (const core::CtScan& scan : scans)
                if (scan.date == d)
                    return core::scoreCtScan(scan, settings.ctss);
            throw std::runtime_error("no scan");
        };
        const core::CtScanScore from = scoreOn(pair.from), to = scoreOn(pair.to);
        for (const core::CtssSegment segment : core::allCtssSegments()) {
            const auto a = core::scanSegment(from, segment).value, b = core::scanSegment(to, segment).value;
            expectSame(csv.at(r, "ctss_change_" + core::toString(segment)),
                       a && b ? std::optional<double>(*b - *a) : std::nullopt, core::toString(segment));
        }
        EXPECT_NE(csv.at(r, "ct_note"), "");  // identified: core's sentence
    }
    EXPECT_GT(firstToLast, 0u) << "the demo has patients with 3 or more CT scans";
    EXPECT_GT(progressing, 0u) << "the demo's CT subset progresses";
}

TEST_F(CtExportTest, DeidentifiedCtTablesShowNoRecordedDateNorReaderAndKeepIntervals) {
    run(options(ExportFormat::CsvLong, "research.csv"));
    run(options(ExportFormat::Progression, "pairs.csv"));
    run(options(ExportFormat::CsvLong, "identified.csv", true));
    const ProjectKey key = ProjectKey::fromFile(path("project.key"));
    const std::string text =
        readFile(path("research.ct_readings.csv")) + readFile(path("pairs.ct_progression.csv"));
    const Csv readings = readCsv(path("research.ct_readings.csv"));
    const Csv identified = readCsv(path("identified.ct_readings.csv"));
    ASSERT_EQ(readings.rows.size(), identified.rows.size());
    ASSERT_LT(readings.column("patient_id"), 0);
    EXPECT_LT(readCsv(path("pairs.ct_progression.csv")).column("ct_note"), 0) << "the note names dates";
    for (std::size_t r = 0; r < readings.rows.size(); ++r) {
        const std::string id = identified.at(r, "patient_id");
        EXPECT_EQ(readings.at(r, "study_id"), key.studyId(id));
        const core::CtScan& scan = scanOn(id, identified.at(r, "ct_date"));
        // Shifted by the patient's own offset, as the films' dates.
        EXPECT_EQ(readings.at(r, "ct_date"),
                  core::toIsoString(scan.date + boost::gregorian::date_duration(key.dateShiftDays(id))));
        EXPECT_EQ(readings.at(r, "ct_reader"), key.readerPseudonym(identified.at(r, "ct_reader")));
        EXPECT_EQ(readings.at(r, "ctss_total"), identified.at(r, "ctss_total"));
    }
    for (const std::string& id : clinicIds())
        for (const core::CtScan& scan : history(id).ctScans)
            for (const core::CtssReading& reading : scan.readings)
                EXPECT_EQ(text.find(reading.reader), std::string::npos) << reading.reader;
    // No cell shows a recorded CT date, unless by coincidence it is also the shifted copy of one of
    // the patient's CT dates.
    for (const std::string file : {"research.ct_readings.csv", "pairs.ct_progression.csv"}) {
        const Csv csv = readCsv(path(file));
        for (std::size_t r = 0; r < csv.rows.size(); ++r) {
            std::string id;
            for (const std::string& candidate : clinicIds())
                if (key.studyId(candidate) == csv.at(r, "study_id"))
                    id = candidate;
            ASSERT_FALSE(id.empty());
            std::set<std::string> recorded, shiftedCopies;
            for (const core::CtScan& scan : history(id).ctScans) {
                std::vector<core::Date> dates = {scan.date};
                for (const core::CtssReading& reading : scan.readings)
                    if (reading.readingDate)
                        dates.push_back(*reading.readingDate);
                for (const core::Date d : dates) {
                    recorded.insert(core::toIsoString(d));
                    shiftedCopies.insert(
                        core::toIsoString(d + boost::gregorian::date_duration(key.dateShiftDays(id))));
                }
            }
            for (const std::string& cell : csv.rows[r])
                EXPECT_TRUE(recorded.count(cell) == 0 || shiftedCopies.count(cell) == 1)
                    << id << " shows a recorded date " << cell << " in " << file;
        }
    }

    ExportOptions relative = options(ExportFormat::CsvLong, "relative.csv");
    relative.dateMode = DateMode::Relative;
    run(relative);
    const Csv days = readCsv(path("relative.ct_readings.csv"));
    ASSERT_LT(days.column("ct_date"), 0);
    ASSERT_EQ(days.rows.size(), identified.rows.size());
    for (std::size_t r = 1; r < days.rows.size(); ++r)
        if (days.at(r, "study_id") == days.at(r - 1, "study_id")) {
            const core::Date a = core::parseIsoDate(identified.at(r - 1, "ct_date"), "test");
            const core::Date b = core::parseIsoDate(identified.at(r, "ct_date"), "test");
            EXPECT_EQ(std::stoi(days.at(r, "ct_day")) - std::stoi(days.at(r - 1, "ct_day")), (b - a).days());
        }
}

TEST_F(CtExportTest, DeidentifiedImportFormatCarriesTheScansShiftedAndPseudonymous) {
    run(options(ExportFormat::Visits, "visits.csv"));
    const std::string text = readFile(path("visits.csv"));
    const Csv csv = parseCsv(text.substr(3));
    const ProjectKey key = ProjectKey::fromFile(path("project.key"));
    std::map<std::string, std::set<std::string>> shiftedScans;  // study ID -> shifted CT dates
    for (const std::string& id : clinicIds())
        for (const core::CtScan& scan : history(id).ctScans)
            shiftedScans[key.studyId(id)].insert(
                core::toIsoString(scan.date + boost::gregorian::date_duration(key.dateShiftDays(id))));
    std::size_t rows = 0;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        if (csv.at(r, "ct_date").empty())
            continue;
        rows += !csv.at(r, "ctss_reader").empty();
        EXPECT_EQ(shiftedScans[csv.at(r, "patient_id")].count(csv.at(r, "ct_date")), 1u)
            << csv.at(r, "ct_date");
    }
    EXPECT_EQ(rows, ctReadings());
    for (const std::string& id : clinicIds())
        for (const core::CtScan& scan : history(id).ctScans)
            for (const core::CtssReading& reading : scan.readings)
                EXPECT_EQ(text.find("," + reading.reader + ","), std::string::npos) << reading.reader;
}

TEST_F(CtExportTest, SpssAndStataFilesReadBackWithLabelsAndTheSameValues) {
    run(options(ExportFormat::CsvLong, "cohort.csv"));
    run(options(ExportFormat::Progression, "pairs.csv"));
    for (const ExportFormat format : {ExportFormat::Sav, ExportFormat::Dta}) {
        const std::string ext = format == ExportFormat::Sav ? ".sav" : ".dta";
        ExportOptions o =
            options(format, "ct_" + ext.substr(1) + ext);  // the stems differ by format: ct_sav, ct_dta
        o.table = ExportTable::CtReadings;
        run(o);
        output("extract_metadata '" + path("ct_" + ext.substr(1) + ext).string() + "' '" +
               path("ct" + ext + ".json").string() + "'");
        const std::string meta = readFile(path("ct" + ext + ".json"));
        EXPECT_NE(meta.find("CTSS of this reading [CTSS units]"), std::string::npos) << ext;
        EXPECT_NE(meta.find("not assessable"), std::string::npos) << ext;
        const Csv csv = readCsv(path("cohort.ct_readings.csv"));
        const Csv stat = parseCsv(output("readstat '" + path("ct_" + ext.substr(1) + ext).string() + "' -"));
        ASSERT_EQ(stat.header, csv.header) << ext;
        ASSERT_EQ(stat.rows.size(), csv.rows.size()) << ext;
        for (std::size_t r = 0; r < csv.rows.size(); ++r)
            for (const std::string name : {"ctss_total", "ctss_scan", "t7_sup_left", "l5_inf_right"}) {
                const std::string& ours = csv.at(r, name);
                if (ours.empty() || ours == "NA") {
                    // SPSS user-missing codes, Stata extended missing (read back empty)
                    EXPECT_TRUE(stat.at(r, name).empty() || std::stod(stat.at(r, name)) < 0) << name;
                } else {
                    EXPECT_NEAR(std::stod(stat.at(r, name)), std::stod(ours), 1e-6) << name << ext;
                }
            }
        ExportOptions pairs = options(format, "ctpairs_" + ext.substr(1) + ext);
        pairs.table = ExportTable::CtProgression;
        run(pairs);
        const Csv statPairs =
            parseCsv(output("readstat '" + path("ctpairs_" + ext.substr(1) + ext).string() + "' -"));
        EXPECT_EQ(statPairs.rows.size(), readCsv(path("pairs.ct_progression.csv")).rows.size()) << ext;
    }
}

TEST_F(CtExportTest, RedcapCarriesCtReadingsAsARepeatingInstrumentWithoutTheGrades) {
    const ExportSummary summary = run(options(ExportFormat::Redcap, "redcap.csv"));
    const Csv dictionary = readCsv(path("redcap.dictionary.csv"));
    std::set<std::string> ctFields;
    for (std::size_t r = 0; r < dictionary.rows.size(); ++r)
        if (dictionary.rows[r][1] == "ct_reading")
            ctFields.insert(dictionary.rows[r][0]);
    EXPECT_TRUE(ctFields.count("ctss_total"));
    EXPECT_TRUE(ctFields.count("ct_date"));
    EXPECT_FALSE(ctFields.count("c2_inf_ant")) << "REDCap has no not-assessable code";
    EXPECT_FALSE(ctFields.count("ct_reading_number")) << "redcap_repeat_instance carries it";
    const Csv data = readCsv(path("redcap.csv"));
    std::size_t instances = 0;
    for (std::size_t r = 0; r < data.rows.size(); ++r)
        if (data.at(r, "redcap_repeat_instrument") == "ct_reading") {
            ++instances;
            EXPECT_EQ(data.at(r, "redcap_event_name"), "visit_1_arm_1");
            EXPECT_FALSE(data.at(r, "ct_reader").empty());
            EXPECT_EQ(data.at(r, "basdai"), "");
        }
    EXPECT_EQ(instances, ctReadings());
    bool counted = false;
    for (const auto& [table, n] : summary.rows)
        counted = counted || (table.rfind("ct_readings", 0) == 0 && n == ctReadings());
    EXPECT_TRUE(counted);
}

TEST_F(CtExportTest, CodebookDescribesEveryCtColumnWithItsSectionOfTheMethods) {
    run(options(ExportFormat::CsvLong, "long.csv"));
    run(options(ExportFormat::Progression, "pairs.csv"));
    for (const std::string stem : {"long", "pairs"}) {
        std::string text = readFile(path(stem + ".codebook.csv"));
        const Csv codebook = parseCsv(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
        const std::string table = stem == "long" ? "ct_readings" : "ct_progression";
        const Csv data = readCsv(path(stem + "." + table + ".csv"));
        std::set<std::string> described;
        for (std::size_t r = 0; r < codebook.rows.size(); ++r) {
            if (codebook.at(r, "table") != table)
                continue;
            const std::string& name = codebook.at(r, "name");
            described.insert(name);
            EXPECT_FALSE(codebook.at(r, "label").empty()) << name;
            const std::string& how = codebook.at(r, "how_computed");
            EXPECT_EQ(how.find("core"), std::string::npos) << name << ": " << how;
            EXPECT_EQ(how.find(".h"), std::string::npos) << name << ": " << how;
            if (name.rfind("ctss", 0) == 0 && name.find("status") == std::string::npos) {
                EXPECT_NE(how.find("(docs/methods.md 12)"), std::string::npos) << name << ": " << how;
            }
        }
        for (const std::string& column : data.header)
            EXPECT_TRUE(described.count(column)) << column << " has no codebook entry";
    }
}

}  // namespace
}  // namespace ankylos::exports::test
