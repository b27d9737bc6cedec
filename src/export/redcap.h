#pragma once
/// REDCap output: a data dictionary in REDCap's 18-column CSV format and a longitudinal data CSV
/// (record_id first, then redcap_event_name: one row per visit, events visit_1_arm_1,
/// visit_2_arm_1, ...), plus the events and instrument-event mapping files a longitudinal
/// project is set up with.
///
/// The rules we apply and check (REDCap's documented import rules):
/// - field names: lowercase letters, digits and '_', starting with a letter, at most 100
///   characters (ours stay within 32), unique, none of REDCap's own names (redcap_event_name,
///   redcap_repeat_instrument, redcap_repeat_instance, redcap_data_access_group,
///   redcap_survey_identifier) and none ending in "_complete" (REDCap adds FORM_complete itself);
/// - the first field of the first instrument is the record ID;
/// - instrument names: lowercase letters, digits and '_', starting with a letter;
/// - field types from REDCap's list; dropdown/yesno choices "code, label | code, label" with
///   integer codes; text validation date_ymd, integer or number, with min/max where known;
/// - unique event names: lowercase, [a-z0-9_], ending in _arm_N;
/// - the treatment course is the repeating instrument "treatment" on the first event: one data row
///   per episode with redcap_repeat_instrument "treatment" and redcap_repeat_instance its episode
///   number; the CTSS readings of low-dose CT scans likewise the repeating instrument "ct_reading"
///   (instance: the reading's number; its 184 quadrant grades are not REDCap fields, as the film
///   grades are not: REDCap has no "not assessable"); the project declares them repeating
///   (STEM.repeating_instruments.csv, REDCap's "Repeating instruments and events" upload:
///   event_name, form_name, custom_form_label).

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "export/table.h"

namespace ankylos::exports {

/// Every problem a REDCap data dictionary import would report for this field name (empty: ok).
std::vector<std::string> redcapFieldNameProblems(const std::string& name);

/// "visit_3_arm_1"
std::string redcapEventName(int visitNumber);

/// A repeating instrument on the first event, made of one table's rows: its form name, the table's
/// columns (the first is the record ID), the column that numbers the instances, and REDCap's
/// custom form label.
struct RedcapRepeating {
    std::string form;
    const std::vector<Column>* columns = nullptr;
    std::string instanceColumn;
    std::string label;

    /// Whether column i is a field of the instrument: not the record ID, not the instance number,
    /// not a grade that may be "not assessable".
    bool isField(std::size_t i) const;
};

/// Writes the data dictionary (18 columns, REDCap's header): the visits table's columns, then each
/// repeating instrument's fields.
void writeRedcapDictionary(const std::filesystem::path& file, const std::vector<Column>& columns,
                           const std::vector<RedcapRepeating>& repeating);

/// Writes the repeating instruments file: each repeating instrument repeats on the first event.
void writeRedcapRepeatingInstruments(const std::filesystem::path& file,
                                     const std::vector<RedcapRepeating>& repeating);

/// Writes the events (event_name, arm_num, unique_event_name) and the instrument-event mapping
/// (arm_num, unique_event_name, form) for visits 1..events; the patient and repeating instruments
/// are on event 1.
void writeRedcapEvents(const std::filesystem::path& eventsFile, const std::filesystem::path& mappingFile,
                       int events, const std::vector<RedcapRepeating>& repeating);

/// The data CSV: record ID, redcap_event_name, redcap_repeat_instrument, redcap_repeat_instance,
/// the visits table's other columns, then each repeating instrument's fields. Patient fields are
/// written on the first event's row only (their instrument's event).
class RedcapDataWriter {
public:
    RedcapDataWriter(const std::filesystem::path& file, const std::vector<Column>& columns,
                     std::vector<RedcapRepeating> repeating);
    /// One row of the visits table.
    void row(const std::vector<Cell>& cells);
    /// One row of repeating instrument k's table: an instance of it on the first event.
    void repeatingRow(std::size_t k, const std::vector<Cell>& cells);
    void finish();
    std::size_t rows() const { return m_rows; }
    int events() const { return m_events; }

private:
    /// Appends a separator per field of the repeating instruments from..to (exclusive).
    void skipRepeating(std::size_t from, std::size_t to);

    std::filesystem::path m_file;
    std::ofstream m_out;
    const std::vector<Column>& m_columns;
    std::vector<RedcapRepeating> m_repeating;
    std::size_t m_visitNumber = 0;
    std::vector<std::size_t> m_instanceColumn;  ///< per repeating instrument
    std::string m_line;
    std::size_t m_rows = 0;
    int m_events = 0;
};

}  // namespace ankylos::exports
