// The file formats: SPSS and Stata files read back by the readstat tools with their labels and
// missing codes; REDCap's dictionary and data checked against REDCap's documented import rules.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "export/redcap.h"
#include "export_fixture.h"

namespace ankylos::exports::test {
namespace {

/// Runs a shell command; returns its standard output (stderr discarded).
std::string output(const std::string& command) {
    std::string text;
    std::FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        text.append(buffer, n);
    const int status = pclose(pipe);
    if (status != 0)
        throw std::runtime_error(command + " failed with status " + std::to_string(status));
    return text;
}

std::string quoted(const fs::path& file) {
    return "'" + file.string() + "'";
}

/// extract_metadata's JSON of a .sav or .dta file: variables by name.
std::map<std::string, nlohmann::json> metadata(const fs::path& file, const fs::path& json) {
    output("extract_metadata " + quoted(file) + " " + quoted(json));
    std::map<std::string, nlohmann::json> variables;
    const nlohmann::json document = nlohmann::json::parse(readFile(json));
    for (const nlohmann::json& variable : document["variables"])
        variables[variable["name"].get<std::string>()] = variable;
    return variables;
}

std::map<std::string, std::string> categories(const nlohmann::json& variable) {
    std::map<std::string, std::string> labels;
    for (const nlohmann::json& category : variable["categories"]) {
        const nlohmann::json& code = category["code"];
        labels[code.is_string() ? code.get<std::string>() : std::to_string(std::lround(code.get<double>()))] =
            category["label"];
    }
    return labels;
}

TEST_F(ExportTest, SpssFileReadsBackWithLabelsUserMissingCodesAndTheSameValues) {
    run(options(ExportFormat::CsvLong, "cohort.csv"));
    run(options(ExportFormat::Sav, "spss.sav"));  // its own stem: cohort.codebook.csv is taken
    const auto variables = metadata(path("spss.sav"), path("sav.json"));
    ASSERT_TRUE(variables.count("basdai"));
    EXPECT_EQ(variables.at("basdai")["label"], "BASDAI [0-10]");
    EXPECT_EQ(variables.at("study_id")["type"], "STRING");
    const auto sex = categories(variables.at("sex"));
    EXPECT_EQ(sex.at("1"), "male");
    EXPECT_EQ(sex.at("2"), "female");
    EXPECT_EQ(categories(variables.at("asdas_crp_state")).at("4"), "very_high");
    EXPECT_EQ(categories(variables.at("basdai")).at("-8"), "not computable");
    EXPECT_EQ(variables.at("basdai")["missing"]["values"], nlohmann::json::parse("[-9, -8, -7]"));
    EXPECT_EQ(variables.at("visit_date")["format"], "DATE");
    for (const auto& [name, variable] : variables)
        EXPECT_LE(name.size(), 32u) << name;

    const Csv csv = readCsv(path("cohort.csv"));
    const Csv sav = parseCsv(output("readstat " + quoted(path("spss.sav")) + " -"));
    ASSERT_EQ(sav.header, csv.header);
    ASSERT_EQ(sav.rows.size(), csv.rows.size());
    int notComputable = 0;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        EXPECT_EQ(sav.at(r, "study_id"), csv.at(r, "study_id"));
        for (const std::string name : {"basdai", "asdas_crp", "crp", "basmi_lin"}) {
            if (csv.at(r, name).empty()) {
                const std::string status = csv.at(r, name == "crp" ? "crp_below_lod" : name + "_status");
                // not computable -> -8, not recorded -> -9
                const double code = name != "crp" && status == "2" ? -8 : -9;
                notComputable += code == -8;
                EXPECT_EQ(std::stod(sav.at(r, name)), code) << name << " row " << r;
            } else {
                EXPECT_NEAR(std::stod(sav.at(r, name)), std::stod(csv.at(r, name)), 1e-6)
                    << name << " row " << r;
            }
        }
    }
    EXPECT_GT(notComputable, 0);
}

TEST_F(ExportTest, CoreSetAndTreatmentColumnsCarryTheirValueLabelsInSpssAndStata) {
    run(options(ExportFormat::Sav, "visits.sav"));
    const auto visits = metadata(path("visits.sav"), path("visits.json"));
    EXPECT_EQ(categories(visits.at("uveitis")).at("3"), "active");
    EXPECT_EQ(categories(visits.at("mases_psis_left")).at("1"), "tender");
    EXPECT_EQ(categories(visits.at("mases_status")).at("2"), "not computable");
    EXPECT_EQ(visits.at("ibd_last_episode_date")["format"], "DATE");
    for (const ExportFormat format : {ExportFormat::Sav, ExportFormat::Dta}) {
        const std::string file = format == ExportFormat::Sav ? "episodes_spss.sav" : "episodes_stata.dta";
        ExportOptions o = options(format, file);
        o.table = ExportTable::Treatments;
        run(o);
        const auto treatments = metadata(path(file), path(file + ".json"));
        EXPECT_EQ(categories(treatments.at("drug_class")).at("3"), "tnfi") << file;
        EXPECT_EQ(categories(treatments.at("route")).at("2"), "subcutaneous") << file;
        EXPECT_EQ(categories(treatments.at("stop_reason")).at("2"), "adverse_event") << file;
    }
    ExportOptions pairs = options(ExportFormat::Dta, "pairs.dta");
    pairs.table = ExportTable::Progression;
    run(pairs);
    EXPECT_EQ(categories(metadata(path("pairs.dta"), path("pairs.json")).at("il17i_exposed")).at("1"), "yes");
}

TEST_F(ExportTest, StataFileReadsBackWithLabelsAndExtendedMissing) {
    run(options(ExportFormat::CsvLong, "cohort.csv"));
    ExportOptions o = options(ExportFormat::Dta, "readings.dta");
    o.table = ExportTable::Readings;
    run(o);
    const auto variables = metadata(path("readings.dta"), path("dta.json"));
    EXPECT_EQ(variables.at("msasss_total")["label"], "mSASSS of this reading [mSASSS units]");
    const auto missing = categories(variables.at("c2_inf"));
    EXPECT_EQ(missing.at(".a"), "not recorded");
    EXPECT_EQ(missing.at(".b"), "not computable");
    EXPECT_EQ(missing.at(".c"), "not assessable");
    EXPECT_EQ(categories(variables.at("chronology_known")).at("1"), "yes");
    const Csv csv = readCsv(path("cohort.readings.csv"));
    const Csv dta = parseCsv(output("readstat " + quoted(path("readings.dta")) + " -"));
    ASSERT_EQ(dta.header, csv.header);
    ASSERT_EQ(dta.rows.size(), csv.rows.size());
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        EXPECT_EQ(dta.at(r, "reader"), csv.at(r, "reader"));
        for (const std::string name : {"msasss_total", "l4_sup", "c3_inf"}) {
            const std::string& ours = csv.at(r, name);
            if (ours.empty() || ours == "NA") {
                EXPECT_EQ(dta.at(r, name), "") << name;  // extended missing reads back as missing
            } else {
                EXPECT_NEAR(std::stod(dta.at(r, name)), std::stod(ours), 1e-6) << name;
            }
        }
    }
    // The wide table, with its many columns, is a valid Stata file too.
    ExportOptions wide = options(ExportFormat::Dta, "wide.dta");
    wide.table = ExportTable::Wide;
    run(wide);
    const Csv w = parseCsv(output("readstat " + quoted(path("wide.dta")) + " -"));
    EXPECT_EQ(w.rows.size(), clinicIds().size());
    EXPECT_GT(w.header.size(), 300u);
}

// The agreement table has its rows only after the last patient: SPSS and Stata files, which declare
// their row count and text widths first, still get every row and the same values as the CSV.
TEST_F(ExportTest, AgreementTableInSpssAndStataHasTheCsvsRows) {
    makeSession("Triple", {"Reader One", "Reader Two", "Reader Three"}, 5);
    run(options(ExportFormat::CsvLong, "cohort.csv"));
    const Csv csv = readCsv(path("cohort.agreement.csv"));
    ASSERT_EQ(csv.rows.size(), 3u);
    for (const ExportFormat format : {ExportFormat::Sav, ExportFormat::Dta}) {
        const std::string file = format == ExportFormat::Sav ? "agreement_spss.sav" : "agreement_stata.dta";
        ExportOptions o = options(format, file);
        o.table = ExportTable::Agreement;
        run(o);
        const Csv stat = parseCsv(output("readstat " + quoted(path(file)) + " -"));
        ASSERT_EQ(stat.header, csv.header) << file;
        ASSERT_EQ(stat.rows.size(), csv.rows.size()) << file;
        for (std::size_t r = 0; r < csv.rows.size(); ++r) {
            EXPECT_EQ(stat.at(r, "reader_2"), csv.at(r, "reader_2")) << file;
            EXPECT_NEAR(std::stod(stat.at(r, "status_icc_a1")), std::stod(csv.at(r, "status_icc_a1")), 1e-9);
            EXPECT_NEAR(std::stod(stat.at(r, "kappa")), std::stod(csv.at(r, "kappa")), 1e-9);
        }
    }
}

TEST(Redcap, FieldNameRules) {
    EXPECT_TRUE(redcapFieldNameProblems("basdai_q1").empty());
    EXPECT_FALSE(redcapFieldNameProblems("BASDAI").empty());
    EXPECT_FALSE(redcapFieldNameProblems("1st_visit").empty());
    EXPECT_FALSE(redcapFieldNameProblems("crp-mg").empty());
    EXPECT_FALSE(redcapFieldNameProblems("redcap_event_name").empty());
    EXPECT_FALSE(redcapFieldNameProblems("visit_complete").empty());
    EXPECT_FALSE(redcapFieldNameProblems(std::string(101, 'a')).empty());
    EXPECT_TRUE(redcapFieldNameProblems(std::string(100, 'a')).empty());
    EXPECT_EQ(redcapEventName(3), "visit_3_arm_1");
}

/// REDCap's documented import rules, applied to our dictionary and data (see export/redcap.h).
TEST_F(ExportTest, RedcapDictionaryAndDataFollowRedcapsImportRules) {
    run(options(ExportFormat::Redcap, "redcap.csv"));
    const Csv dictionary = readCsv(path("redcap.dictionary.csv"));
    const std::vector<std::string> expectedHeader = {"Variable / Field Name",
                                                     "Form Name",
                                                     "Section Header",
                                                     "Field Type",
                                                     "Field Label",
                                                     "Choices, Calculations, OR Slider Labels",
                                                     "Field Note",
                                                     "Text Validation Type OR Show Slider Number",
                                                     "Text Validation Min",
                                                     "Text Validation Max",
                                                     "Identifier?",
                                                     "Branching Logic (Show field only if...)",
                                                     "Required Field?",
                                                     "Custom Alignment",
                                                     "Question Number (surveys only)",
                                                     "Matrix Group Name",
                                                     "Matrix Ranking?",
                                                     "Field Annotation"};
    ASSERT_EQ(dictionary.header, expectedHeader);
    const std::regex formName("[a-z][a-z0-9_]*");
    const std::regex choice(R"(-?[0-9]+, [^|]+)");
    const std::set<std::string> fieldTypes = {"text",        "notes", "dropdown",  "radio",
                                              "checkbox",    "yesno", "truefalse", "calc",
                                              "descriptive", "file",  "slider",    "sql"};
    const std::set<std::string> validations = {"", "date_ymd", "integer", "number"};
    std::set<std::string> names;
    std::map<std::string, std::vector<std::string>> fields;  // name -> dictionary row
    for (const auto& row : dictionary.rows) {
        ASSERT_EQ(row.size(), expectedHeader.size());
        const std::string& name = row[0];
        EXPECT_TRUE(redcapFieldNameProblems(name).empty()) << name;
        EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
        EXPECT_TRUE(std::regex_match(row[1], formName)) << row[1];
        EXPECT_TRUE(fieldTypes.count(row[3])) << name << ": " << row[3];
        EXPECT_FALSE(row[4].empty()) << name << " has no label";
        EXPECT_TRUE(validations.count(row[7])) << name << ": " << row[7];
        if (row[3] == "dropdown") {
            std::stringstream in(row[5]);
            std::string option;
            int options = 0;
            while (std::getline(in, option, '|')) {
                option = std::regex_replace(option, std::regex("^ +| +$"), "");
                EXPECT_TRUE(std::regex_match(option, choice)) << name << ": '" << option << "'";
                ++options;
            }
            EXPECT_GE(options, 2) << name;
        } else {
            EXPECT_EQ(row[5], "") << name;
        }
        if (!row[8].empty()) {
            EXPECT_NO_THROW(std::stod(row[8])) << name;
        }
        fields[name] = row;
    }
    ASSERT_FALSE(dictionary.rows.empty());
    EXPECT_EQ(dictionary.rows.front()[0], "study_id") << "the record ID is the first field";
    EXPECT_EQ(dictionary.rows.front()[1], "patient") << "... of the first instrument";

    const Csv events = readCsv(path("redcap.events.csv"));
    const Csv mapping = readCsv(path("redcap.event_mapping.csv"));
    EXPECT_EQ(events.header, (std::vector<std::string>{"event_name", "arm_num", "unique_event_name"}));
    EXPECT_EQ(mapping.header, (std::vector<std::string>{"arm_num", "unique_event_name", "form"}));
    std::set<std::string> eventNames;
    for (std::size_t r = 0; r < events.rows.size(); ++r) {
        EXPECT_TRUE(std::regex_match(events.at(r, "unique_event_name"), std::regex("[a-z0-9_]+_arm_1")));
        eventNames.insert(events.at(r, "unique_event_name"));
    }

    const Csv data = readCsv(path("redcap.csv"));
    ASSERT_GE(data.header.size(), 2u);
    EXPECT_EQ(data.header[0], "study_id");
    EXPECT_EQ(data.header[1], "redcap_event_name");
    EXPECT_EQ(data.header[2], "redcap_repeat_instrument");
    EXPECT_EQ(data.header[3], "redcap_repeat_instance");
    for (std::size_t i = 4; i < data.header.size(); ++i)
        EXPECT_TRUE(fields.count(data.header[i])) << data.header[i] << " is not in the dictionary";
    EXPECT_EQ(data.header.size(), fields.size() + 3);
    const std::regex isoDate("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    const std::regex integer("-?[0-9]+");
    const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");  // REDCap: no exponent
    std::size_t visits = 0, episodes = 0, ctReadings = 0;
    for (const std::string& id : clinicIds()) {
        visits += history(id).visits.size();
        episodes += history(id).treatments.size();
        for (const core::CtScan& scan : history(id).ctScans)
            ctReadings += scan.readings.size();
    }
    ASSERT_GT(episodes, 0u);
    ASSERT_GT(ctReadings, 0u);
    ASSERT_EQ(data.rows.size(), visits + episodes + ctReadings);
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const std::string& event = data.at(r, "redcap_event_name");
        EXPECT_TRUE(eventNames.count(event)) << event;
        const std::string& instrument = data.at(r, "redcap_repeat_instrument");
        const bool treatmentRow = instrument == "treatment";
        EXPECT_TRUE(treatmentRow || instrument == "ct_reading" || instrument.empty()) << instrument;
        EXPECT_EQ(!instrument.empty(), !data.at(r, "redcap_repeat_instance").empty());
        for (std::size_t i = 4; i < data.header.size(); ++i) {
            const std::string& value = data.rows[r][i];
            const std::vector<std::string>& field = fields.at(data.header[i]);
            if (field[1] == "patient" && event != "visit_1_arm_1") {
                EXPECT_EQ(value, "") << data.header[i] << " outside its instrument's event";
            }
            const bool repeatingField = field[1] == "treatment" || field[1] == "ct_reading";
            if ((repeatingField || !instrument.empty()) && field[1] != instrument &&
                !(field[1] == "patient" && instrument.empty())) {
                EXPECT_EQ(value, "") << data.header[i] << " outside its instrument's rows";
            }
            if (value.empty())
                continue;
            const std::string& type = field[3];
            const std::string& validation = field[7];
            if (type == "yesno") {
                EXPECT_TRUE(value == "0" || value == "1") << data.header[i] << " = " << value;
            } else if (type == "dropdown") {
                EXPECT_NE(("| " + field[5] + " ").find(" " + value + ", "), std::string::npos)
                    << data.header[i] << " = " << value << " not among " << field[5];
            } else if (validation == "date_ymd") {
                EXPECT_TRUE(std::regex_match(value, isoDate)) << data.header[i] << " = " << value;
            } else if (validation == "integer") {
                EXPECT_TRUE(std::regex_match(value, integer)) << data.header[i] << " = " << value;
            } else if (validation == "number") {
                EXPECT_TRUE(std::regex_match(value, number)) << data.header[i] << " = " << value;
                if (!field[8].empty()) {
                    EXPECT_GE(std::stod(value), std::stod(field[8])) << data.header[i];
                }
                if (!field[9].empty()) {
                    EXPECT_LE(std::stod(value), std::stod(field[9])) << data.header[i];
                }
            }
        }
    }
}

}  // namespace
}  // namespace ankylos::exports::test

namespace ankylos::exports::test {
namespace {

TEST(VariableNames, OurRulesRefuseWhatSpssStataOrRedcapWould) {
    EXPECT_NO_THROW(checkVariableName("basdai_q1"));
    EXPECT_NO_THROW(checkVariableName(std::string(32, 'a')));
    EXPECT_THROW(checkVariableName(std::string(33, 'a')), InternalError);
    EXPECT_THROW(checkVariableName("Basdai"), InternalError);
    EXPECT_THROW(checkVariableName("2nd"), InternalError);
    EXPECT_THROW(checkVariableName("crp mg"), InternalError);
    EXPECT_THROW(checkVariableName("to"), InternalError);
    EXPECT_THROW(checkVariableName("_n"), InternalError);
}

TEST(VariableNames, EveryTableFitsTheLimitsWithUpTo99VisitGroups) {
    for (const bool identified : {true, false}) {
        for (const DateMode mode : {DateMode::Shifted, DateMode::Relative}) {
            if (identified && mode == DateMode::Relative)
                continue;
            ExportOptions options;
            options.identified = identified;
            options.dateMode = mode;
            const ProjectKey key(std::string(32, 'k'));
            ExportContext context;
            context.options = &options;
            context.key = identified ? nullptr : &key;
            for (const ExportTable table :
                 {ExportTable::Visits, ExportTable::Readings, ExportTable::Wide, ExportTable::Progression,
                  ExportTable::Treatments, ExportTable::CtReadings, ExportTable::CtProgression}) {
                const std::vector<std::string> names = columnNames(table, context, 99);  // checks each name
                const std::set<std::string> unique(names.begin(), names.end());
                EXPECT_EQ(unique.size(), names.size()) << toString(table);
                for (const std::string& name : names)
                    EXPECT_TRUE(redcapFieldNameProblems(name).empty()) << name;
                EXPECT_EQ(
                    unique.count("name"),
                    identified ? (table == ExportTable::Visits || table == ExportTable::Wide ? 1u : 0u) : 0u);
            }
        }
    }
}

}  // namespace
}  // namespace ankylos::exports::test
