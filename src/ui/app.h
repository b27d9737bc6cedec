#pragma once
/// The desktop application object: command line, configuration, the main window; and the
/// benchmark modes the .ci/benchmark-ui script runs.

#include <wx/app.h>

#include <chrono>
#include <string>

namespace ankylos::ui {

class MainFrame;

class AnkylosApp : public wxApp {
public:
    /// The moment main() started, for the startup figure.
    static void markProcessStart();

    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    /// Shows the message of an exception no handler caught instead of ending the program.
    bool OnExceptionInMainLoop() override;

private:
    void runInteractionBenchmark();

    MainFrame* m_frame = nullptr;
    wxString m_file;
    bool m_benchmarkStartup = false;
    wxString m_benchmarkPatient;  ///< clinic ID of the patient the interaction benchmark opens
};

}  // namespace ankylos::ui
