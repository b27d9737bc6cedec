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
///   number; the project declares it repeating (STEM.repeating_instruments.csv, REDCap's
///   "Repeating instruments and events" upload: event_name, form_name, custom_form_label).

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

/// Writes the data dictionary (18 columns, REDCap's header): the visits table's columns, then the
/// treatment table's on the "treatment" instrument (without its record ID and episode number,
/// which REDCap's record and repeat instance carry).
void writeRedcapDictionary(const std::filesystem::path& file, const std::vector<Column>& columns,
                           const std::vector<Column>& treatmentColumns);

/// Writes the repeating instruments file: the treatment instrument repeats on the first event.
void writeRedcapRepeatingInstruments(const std::filesystem::path& file);

/// Writes the events (event_name, arm_num, unique_event_name) and the instrument-event mapping
/// (arm_num, unique_event_name, form) for visits 1..events; the patient and treatment instruments
/// are on event 1.
void writeRedcapEvents(const std::filesystem::path& eventsFile, const std::filesystem::path& mappingFile,
                       int events);

/// The data CSV: record ID, redcap_event_name, redcap_repeat_instrument, redcap_repeat_instance,
/// the visits table's other columns, then the treatment fields. Patient fields are written on the
/// first event's row only (their instrument's event).
class RedcapDataWriter {
public:
    RedcapDataWriter(const std::filesystem::path& file, const std::vector<Column>& columns,
                     const std::vector<Column>& treatmentColumns);
    /// One row of the visits table.
    void row(const std::vector<Cell>& cells);
    /// One row of the treatment table: an instance of the treatment instrument on the first event.
    void treatmentRow(const std::vector<Cell>& cells);
    void finish();
    std::size_t rows() const { return m_rows; }
    int events() const { return m_events; }

private:
    std::filesystem::path m_file;
    std::ofstream m_out;
    const std::vector<Column>& m_columns;
    const std::vector<Column>& m_treatmentColumns;
    std::size_t m_visitNumber = 0;
    std::size_t m_episodeNumber = 0;
    std::string m_line;
    std::size_t m_rows = 0;
    int m_events = 0;
};

}  // namespace ankylos::exports
