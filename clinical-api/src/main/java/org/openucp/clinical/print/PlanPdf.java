package org.openucp.clinical.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.print.PaperLayout.Line;
import org.openucp.clinical.urgentcare.CrisisSection;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.model.plan.PlanContent;

/**
 * The printed plan. Page one is the crisis view, section by section in {@link CrisisSection}'s order, the CPR
 * recommendation and the ceiling of treatment in bordered boxes; the rest of the plan follows from page two. Every
 * page carries the patient's identity line, the version stamp, "page x of y" and the plan's legal status.
 */
public final class PlanPdf {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
  private static final DateTimeFormatter STAMP_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));

  private PlanPdf() {
  }

  /**
   * The printed plan of a published version, with the patient's comments on it, as it stands on {@code today}
   * (expired CPR decision, overdue review).
   */
  public static byte[] render(String nhsNumber, PlanVersion version, PlanContent plan,
      List<CrisisView.Comment> comments, LocalDate today) {
    CrisisView view = CrisisView.of(nhsNumber, version, plan, comments).asOf(today);
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation information = new PDDocumentInformation();
      information.setTitle("Urgent care plan, version " + version.version);
      document.setDocumentInformation(information);
      PaperLayout paper = new PaperLayout(document);
      paper.title("Urgent care plan: what to do in a crisis");
      for (CrisisSection section : CrisisSection.values()) {
        crisisSection(paper, section, view);
      }
      paper.newPage();
      paper.title("The rest of the plan");
      rest(paper, plan);
      paper.finish(identityLine(view.identity()), stamp(view.banner()), CrisisView.LEGAL_STATUS);
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("The plan could not be rendered as PDF", e);
    }
  }

  private static void crisisSection(PaperLayout paper, CrisisSection section, CrisisView view) {
    switch (section) {
      case IDENTITY -> {
        CrisisView.Identity identity = view.identity();
        paper.heading(section.heading());
        paper.field("Name", identity.name());
        paper.field("Preferred name", identity.preferredName());
        paper.field("Date of birth", date(identity.dateOfBirth()));
        paper.field("NHS number", spaced(identity.nhsNumber()));
        paper.field("Address", join(", ", identity.address(), identity.postcode()));
      }
      case CPR -> paper.box(section.heading(), cprLines(view.cpr()), 2.5f);
      case TREATMENT -> paper.box(section.heading(), List.of(
          Line.emphasis("Ceiling of treatment: " + (view.treatment().ceiling() == null ? "not recorded"
              : readable(view.treatment().ceiling()))),
          Line.text(view.treatment().recommendations())), 1.5f);
      case ADRT -> {
        CrisisView.Adrt adrt = view.adrt();
        paper.heading(section.heading());
        if (!adrt.present()) {
          paper.paragraph(Line.text("No ADRT recorded."));
          return;
        }
        paper.paragraph(Line.strong("An ADRT exists: it is legally binding when valid and applicable."));
        paper.field("Decision", adrt.decision());
        paper.field("Made on", date(adrt.madeOn()));
        paper.field("Kept", adrt.documentLocation());
        paper.field("Copy", adrt.documentLink() == null ? null : "attached to the plan");
      }
      case REPRESENTATION -> {
        paper.heading(section.heading());
        List<CrisisView.Attorney> attorneys = view.representation().attorneys();
        if (attorneys.isEmpty()) {
          paper.paragraph(Line.text("No health and welfare Lasting Power of Attorney recorded."));
        }
        for (CrisisView.Attorney attorney : attorneys) {
          paper.paragraph(Line.text(join(", ", attorney.name(), attorney.relationship(), attorney.telephone())
              + ": health and welfare LPA, " + (attorney.coversLifeSustainingTreatment()
              ? "including decisions about life-sustaining treatment"
              : "NOT including decisions about life-sustaining treatment")));
        }
      }
      case PREFERENCES -> {
        CrisisView.Preferences preferences = view.preferences();
        paper.heading(section.heading());
        paper.field("What matters to me", preferences.whatMattersToMe());
        paper.field("Preferred place of care", readable(preferences.placeOfCare()));
        paper.field("Place of death, 1st choice", readable(preferences.placeOfDeath()));
        paper.field("Place of death, 2nd choice", readable(preferences.secondPlaceOfDeath()));
        paper.field("Other preferences", preferences.otherPreferences());
      }
      case MEDICINES -> {
        CrisisView.Medicines medicines = view.medicines();
        paper.heading(section.heading());
        paper.field("Allergies", !medicines.allergies().isEmpty()
            ? join("; ", medicines.allergies().stream().map(allergy -> allergy.reaction() == null
                ? allergy.substance() : allergy.substance() + " (" + allergy.reaction() + ")").toArray(String[]::new))
            : Boolean.TRUE.equals(medicines.noKnownAllergies()) ? "no known allergies" : "not recorded");
        paper.field("Key medicines", join("; ", medicines.keyMedicines().stream()
            .map(medicine -> join(" ", medicine.name(), medicine.dose())).toArray(String[]::new)));
        PlanContent.AnticipatoryMedicines anticipatory = medicines.anticipatory();
        if (anticipatory != null) {
          paper.field("Anticipatory medicines", join("; ",
              anticipatory.prescribed() == null ? null : anticipatory.prescribed() ? "prescribed" : "not prescribed",
              anticipatory.details()));
          paper.field("Anticipatory medicines kept", anticipatory.whereKept());
        }
      }
      case CONTACTS -> {
        paper.heading(section.heading());
        for (CrisisView.Contact contact : view.contacts()) {
          paper.field(capitalised(contact.role()), join(", ", contact.name(), contact.relationship(),
              contact.telephone() == null ? null : "tel. " + contact.telephone()));
        }
      }
      case BANNER -> {
        CrisisView.Banner banner = view.banner();
        paper.heading(section.heading());
        paper.paragraph(Line.text(stamp(banner)));
        paper.field("Corrected", banner.correction());
        for (CrisisView.Comment comment : banner.patientComments()) {
          paper.field("The patient's comment", comment.text() + " (" + STAMP_TIME.format(comment.recordedAt()) + ")");
        }
        paper.field("Last reviewed", banner.lastReviewed() == null ? null : STAMP_TIME.format(banner.lastReviewed()));
        if (banner.plannedReviewDate() != null) {
          paper.paragraph(banner.reviewOverdue()
              ? Line.strong("Review OVERDUE: it was due on " + date(banner.plannedReviewDate()))
              : Line.text("Review due: " + date(banner.plannedReviewDate())));
        }
        paper.paragraph(Line.strong(banner.legalStatus()));
      }
      default -> throw new IllegalStateException("No rendering for " + section);
    }
  }

  private static List<Line> cprLines(CrisisView.Cpr cpr) {
    if (cpr == null) {
      return List.of(Line.emphasis("No CPR recommendation recorded"));
    }
    List<Line> lines = new ArrayList<>();
    lines.add(Line.emphasis(cpr.display()));
    if (cpr.expired()) {
      lines.add(Line.emphasis("EXPIRED: its review date, " + date(cpr.reviewDate())
          + ", has passed. This decision is not current."));
    }
    lines.add(Line.text(join(" ", cpr.decidedOn() == null ? null : "Decided on " + date(cpr.decidedOn()),
        cpr.decidedBy() == null ? null : "by " + cpr.decidedBy(),
        cpr.decidedByRole() == null ? null : "(" + cpr.decidedByRole() + ")")));
    lines.add(Line.text(join("; ", discussed("the patient", cpr.discussedWithPatient()),
        discussed("family or carer", cpr.discussedWithFamilyOrCarer()))));
    lines.add(Line.text(cpr.formKept() == null ? null : "Signed form kept: " + cpr.formKept()));
    lines.add(cpr.reviewDate() == null ? Line.text(null) : cpr.expired()
        ? Line.strong("Review date: " + date(cpr.reviewDate()) + " (passed)")
        : Line.text("Review date: " + date(cpr.reviewDate())));
    return lines;
  }

  private static String discussed(String with, Boolean discussed) {
    return discussed == null ? null : (discussed ? "Discussed with " : "Not discussed with ") + with;
  }

  private static void rest(PaperLayout paper, PlanContent plan) {
    PlanContent.Diagnoses diagnoses = plan.diagnoses();
    if (diagnoses != null) {
      paper.heading("Diagnoses");
      paper.field("Main diagnosis", diagnoses.primaryEndOfLifeDiagnosis());
      paper.field("Other diagnoses", diagnoses.otherDiagnoses() == null ? null
          : String.join("; ", diagnoses.otherDiagnoses()));
      paper.field("Prognosis", readable(diagnoses.prognosis()));
    }
    paper.heading("Health and needs");
    paper.field("Functional level", readable(plan.functionalLevel()));
    PlanContent.SpecialRequirements needs = plan.specialRequirements();
    if (needs != null) {
      paper.field("Interpreter needed", yesNo(needs.interpreterNeeded()));
      paper.field("Preferred language", needs.preferredLanguage());
      paper.field("Disability", needs.disability());
      paper.field("Other needs", needs.notes());
    }
    paper.field("Support for the carer available", yesNo(plan.carerSupportAvailable()));
    paper.field("Others to involve", plan.preferences() == null ? null : plan.preferences().othersToInvolve());
    paper.field("Advance statement", plan.advanceStatement());
    if (plan.involvedProfessionals() != null && !plan.involvedProfessionals().isEmpty()) {
      paper.heading("Professionals involved");
      for (PlanContent.Professional professional : plan.involvedProfessionals()) {
        paper.paragraph(Line.text(join(", ", professional.name(), professional.professionalGroup(),
            professional.organisation(), professional.telephone() == null ? null : "tel. " + professional.telephone())));
      }
    }
    PlanContent.InformationGiven information = plan.informationGiven();
    if (information != null) {
      paper.heading("Information given");
      paper.field("The patient is aware of their prognosis", yesNo(information.patientAwareOfPrognosis()));
      paper.field("The carer is aware of the prognosis", yesNo(information.carerAwareOfPrognosis()));
      paper.field("The patient is aware of the CPR decision", yesNo(information.patientAwareOfCprDecision()));
      paper.field("The family has been told of the CPR decision", yesNo(information.familyInformedOfCprDecision()));
    }
  }

  private static String identityLine(CrisisView.Identity identity) {
    return join("   ", identity.name(), identity.dateOfBirth() == null ? null : "Born " + date(identity.dateOfBirth()),
        "NHS number " + spaced(identity.nhsNumber()));
  }

  private static String stamp(CrisisView.Banner banner) {
    return "Version " + banner.version() + " published " + STAMP_TIME.format(banner.publishedAt()) + " by "
        + join(", ", banner.publishedBy(), banner.publishedByRole(), banner.organisationName() == null
        ? banner.organisation() : banner.organisationName() + " (" + banner.organisation() + ")");
  }

  private static String spaced(String nhsNumber) {
    return nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
  }

  private static String date(LocalDate date) {
    return date == null ? null : DATE.format(date);
  }

  private static String yesNo(Boolean value) {
    return value == null ? null : value ? "yes" : "no";
  }

  private static String readable(Enum<?> value) {
    return value == null ? null : capitalised(value.name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  private static String capitalised(String words) {
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String join(String separator, String... parts) {
    return String.join(separator, Stream.of(parts).filter(Objects::nonNull).filter(p -> !p.isBlank()).toList());
  }
}
