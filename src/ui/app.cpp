#include "ui/app.h"

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/msgdlg.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "storage/patient_repository.h"
#include "ui/course_panel.h"
#include "ui/display.h"
#include "ui/language.h"
#include "ui/main_frame.h"
#include "ui/patient_list_panel.h"
#include "ui/patient_record_panel.h"
#include "ui/resources.h"

namespace ankylos::ui {

namespace {

std::chrono::steady_clock::time_point processStart = std::chrono::steady_clock::now();

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

}  // namespace

void AnkylosApp::markProcessStart() {
    processStart = std::chrono::steady_clock::now();
}

void AnkylosApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddParam(_("database file (default: ~/.local/share/ankylos/ankylos.db)"), wxCMD_LINE_VAL_STRING,
                    wxCMD_LINE_PARAM_OPTIONAL);
    parser.AddLongSwitch("benchmark-startup",
                         _("print the milliseconds from start to first paint, then exit"));
    parser.AddLongOption(
        "benchmark-patient",
        _("print search-as-you-type and open-patient timings for this patient ID, then exit"));
}

bool AnkylosApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    if (!wxApp::OnCmdLineParsed(parser))
        return false;
    if (parser.GetParamCount() > 0)
        m_file = parser.GetParam(0);
    m_benchmarkStartup = parser.Found("benchmark-startup");
    parser.Found("benchmark-patient", &m_benchmarkPatient);
    return true;
}

bool AnkylosApp::OnInit() {
    SetAppName("ankylos");
    SetVendorName("Ankylos");
    // The language chosen in Tools > Preferences, or the system's (ui/language.h).
    installTranslations(storedInterfaceLanguage(*wxConfigBase::Get()), defaultLocalePrefix());
    if (!wxApp::OnInit())
        return false;
    initResources();
    m_frame = new MainFrame;
    if (m_benchmarkStartup || !m_benchmarkPatient.empty()) {
        const auto epochNs = [] {
            return static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count());
        };
        m_frame->setFirstPaintHandler([this, epochNs] {
            std::printf("first_paint_ms %.1f\nfirst_paint_epoch_ns %lld\n", millisecondsSince(processStart),
                        epochNs());
            std::fflush(stdout);
        });
        m_frame->setListPaintHandler([this, epochNs] {
            std::printf("list_paint_ms %.1f\nlist_paint_epoch_ns %lld\ndatabase_open_ms %.1f\n",
                        millisecondsSince(processStart), epochNs(), m_frame->lastOpenMilliseconds());
            if (!m_benchmarkPatient.empty())
                runInteractionBenchmark();
            std::fflush(stdout);
            m_frame->Close(true);
        });
    }
    m_frame->Show();
    // The default database is made on first start; a file named on the command line must exist.
    const std::filesystem::path defaultFile = MainFrame::defaultDatabasePath();
    if (m_file.empty())
        m_frame->openWhenShown(
            defaultFile, std::filesystem::exists(defaultFile) && std::filesystem::file_size(defaultFile) > 0
                             ? storage::Open::ReadWrite
                             : storage::Open::CreateNew);
    else
        m_frame->openWhenShown(toUtf8(m_file));
    return true;
}

void AnkylosApp::runInteractionBenchmark() {
    PatientListPanel* list = m_frame->patientList();
    if (!list || !m_frame->database()) {
        std::printf("error no database open\n");
        return;
    }
    // Search as you type: each keystroke's search, list refresh and repaint, one character at a time.
    const wxString typed = m_benchmarkPatient;
    std::vector<double> perKey;
    for (int round = 0; round < 5; ++round) {
        list->searchBox()->ChangeValue(wxString());
        list->search();
        for (std::size_t n = 1; n <= typed.length(); ++n) {
            const auto start = std::chrono::steady_clock::now();
            list->searchBox()->ChangeValue(typed.Left(n));
            list->search();
            list->list()->Update();
            perKey.push_back(millisecondsSince(start));
        }
    }
    std::printf("search_keystroke_median_ms %.2f\nsearch_keystroke_max_ms %.2f\nsearch_matches %d\n",
                median(perKey), *std::max_element(perKey.begin(), perKey.end()),
                list->list()->patientCount());

    const auto id = storage::PatientRepository(*m_frame->database()).idOf(toUtf8(typed));
    if (!id) {
        std::printf("error no patient %s\n", static_cast<const char*>(typed.utf8_str()));
        return;
    }
    std::vector<double> opens;
    for (int round = 0; round < 5; ++round) {
        m_frame->showList();
        Yield();
        const auto start = std::chrono::steady_clock::now();
        m_frame->openPatient(*id);
        CourseCanvas* course = m_frame->record()->course();
        const int before = course->drawCount();
        m_frame->Update();
        if (course->drawCount() == before)
            course->render();  // the paint did not reach the canvas: draw as the paint would
        opens.push_back(millisecondsSince(start));
    }
    std::printf("open_patient_median_ms %.1f\nopen_patient_visits %zu\nopen_patient_films %zu\n",
                median(opens), m_frame->record()->history().visits.size(),
                m_frame->record()->history().films.size());
}

bool AnkylosApp::OnExceptionInMainLoop() {
    try {
        throw;
    } catch (const std::exception& e) {
        wxMessageBox(fromUtf8(e.what()), _("Ankylos: unexpected error"), wxOK | wxICON_ERROR);
    }
    return true;  // keep running: the data on disk is consistent (every write is one transaction)
}

}  // namespace ankylos::ui
