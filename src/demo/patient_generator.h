#pragma once
/// The making of one demo patient (demo_cohort.h describes what it looks like). Every random number
/// comes from the patient's one engine in a fixed order, so the same (seed, index, today) always
/// gives the same patient. The parts live in their own files: the patient and the course of its visits
/// (patient_generator.cpp), the spine's films and their readings (generator_films.cpp), the low-dose CT
/// scans (generator_ct.cpp), the treatment course (generator_treatment.cpp), and the laboratory values
/// and DXA (generator_labs.cpp).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/patient_history.h"
#include "demo/demo_random.h"
#include "demo/demo_spine.h"
#include "demo/demo_vocabulary.h"

namespace ankylos::demo {

class PatientGenerator {
public:
    PatientGenerator(std::uint64_t seed, int index, Date today);

    core::PatientHistory generate();

private:
    /// What a patient's laboratories and DXA are like, drawn once per patient.
    struct LabPlan {
        const CrpMethod* crp = nullptr;
        bool biomarkerStudy = false;
        const BiomarkerAssay* mmp3 = nullptr;
        const BiomarkerAssay* dkk1 = nullptr;
        const BiomarkerAssay* sclerostin = nullptr;
        bool dxaPatient = false;
        const DxaModel* dxa = nullptr;
        double boneT = 0;                     ///< the patient's T-score level
        std::array<double, 3> siteOffsets{};  ///< lumbar spine, femoral neck, total hip
        double lumbarPick = 0;                ///< which vertebrae the lumbar scans include
        std::optional<Date> lastDxa;
    };

    core::Patient& patient() { return m_history.patient; }

    // The patient and the course of its visits (patient_generator.cpp).
    void makeIdentity();
    void makeTimeline();
    void makeVisits();
    void addPatientNotes();
    void addScores(core::Visit& visit, double activity, int spinalScore, double age, bool required = false);
    void addVisitNote(core::Visit& visit, std::size_t v);
    double item(double value);
    core::BasdaiInput basdai(double activity);
    core::BasmiInput basmi(double activity, int spinalScore, double age);
    void addBiologicVisitScores(core::Visit& visit, const LabPlan& plan, std::size_t v, double activity,
                                int spinalScore, double age);
    bool highAsdas(const core::Visit& visit) const;

    // The treatment course and the rest of the ASAS core set (generator_treatment.cpp).
    void makeTreatments();
    void addNsaids(std::optional<Date> biologicStart);
    void addSulfasalazine();
    Date firstBiologicStart();
    void addBiologics(Date start);
    std::size_t addEpisode(const DemoDrug& drug, Date start);
    /// Stops the episode `days` after its start with `reason`, unless that day is not before today
    /// (then it stays ongoing). Returns the stop date when it stopped.
    std::optional<Date> stopEpisode(std::size_t episode, long days, core::StopReason reason);
    void planManifestations();
    void addCoreSet(core::Visit& visit, double activity);
    void addManifestations(core::AsasCoreSet& items, Date visitDate);

    // Films and readings (generator_films.cpp).
    void makeSpine();
    void makeFilms();
    void drawNotAssessable(Date filmDate,
                           std::array<std::optional<core::NotAssessableReason>, core::kSiteCount>& missing);
    void makePelvicFilm();

    // Low-dose CT scans and their CTSS readings (generator_ct.cpp).
    void makeCtScans();
    void drawCtThresholds();
    void ctNotAssessable(Date scanDate, core::CtssReading& reading, bool& wholeSpine);

    // Laboratory values and DXA (generator_labs.cpp).
    LabPlan planLabs();
    void addLabs(core::Visit& visit, const LabPlan& plan, std::size_t v, double activity, bool treated,
                 double age, bool crpRequired = false);
    void addDxa(core::Visit& visit, LabPlan& plan, std::size_t v, double activity, double damage, double age);
    core::BmdMeasurement bmdMeasurement(const LabPlan& plan, std::size_t site, double t, double zShift,
                                        double artefact);
    core::LabValue crp(const CrpMethod& method, double activity, double factor, Date date);
    static core::LabValue biomarker(core::Analyte analyte, const BiomarkerAssay& assay, double canonical,
                                    Date date);

    /// Scales the per-patient progression tendency so that mSASSS rises by about 1 unit a year
    /// across patients with two or more films (checked by the DemoCohortStatistics tests).
    static constexpr double kRateScale = 1.1;

    Random m_random;
    /// A second engine for the treatment course and the ASAS core set, so that adding them left every
    /// other value of a patient as it was.
    Random m_courseRandom;
    /// A third engine for the CT scans, for the same reason.
    Random m_ctRandom;
    int m_index;
    Date m_today;
    core::PatientHistory m_history;

    double m_inflammation = 0.5;
    double m_activity = 4;
    bool m_peripheral = false;
    bool m_vasScale = false;
    double m_functionTrait = 0;
    double m_mobilityTrait = 0;
    double m_menopauseAge = 50;
    bool m_hipReplacement = false;
    Date m_onset;
    std::vector<Date> m_visitDates;
    std::vector<bool> m_filmVisit;
    std::optional<std::size_t> m_biologicVisit;
    std::optional<std::size_t> m_fusionVisit;
    std::string m_biologicNote;  ///< the first biologic and its dose, for the note of the visit before it
    double m_enthesitis = 0;     ///< the patient's tendency to tender entheses (MASES)
    /// Per manifestation (core::Manifestation order): the first episode, and a later one when recurrent.
    std::array<std::vector<Date>, 3> m_manifestationEpisodes;
    Spine m_spine;
    bool m_twoReaders = false;
    std::array<int, core::kSiteCount> m_readerOffsets{};
    std::array<std::array<double, 3>, core::kQuadrantCount> m_ctThresholds{};
};

}  // namespace ankylos::demo
