package org.openucp.clinical.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** The printable plan, read back as text the way a person would read it. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PrintablePlanTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldPutTheCprDecisionAndCeilingOfTreatmentOnPageOne() throws IOException {
    String patient = api.publishedPlan(aPlan().withDnacpr());

    try (PDDocument pdf = Loader.loadPDF(print(patient, 1))) {
      PDFTextStripper firstPage = new PDFTextStripper();
      firstPage.setStartPage(1);
      firstPage.setEndPage(1);
      String text = firstPage.getText(pdf);
      assertThat(text).contains("Urgent care plan", "Edith Smith", patient.substring(0, 3) + " ",
          "CPR recommendation", "CPR attempts NOT recommended", "Ceiling of treatment",
          "Selective treatment", "Kitchen drawer, blue box");
    }
  }

  @Test
  void shouldStampTheVersionAndPublicationOnEveryPage() throws IOException {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "Family and garden. ".repeat(200))
        .with("otherTreatmentRecommendations", "Treat infections at home. ".repeat(150)));

    try (PDDocument pdf = Loader.loadPDF(print(patient, 1))) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
      for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        assertThat(stripper.getText(pdf)).contains("Version 1 published", "Dr Jane Doe", "A83008",
            "Page " + page + " of " + pdf.getNumberOfPages());
      }
    }
  }

  @Test
  void shouldAnswer404ForAVersionThatDoesNotExist() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/7/pdf").then().statusCode(404);
  }

  private byte[] print(String patient, int version) {
    return api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/" + version + "/pdf")
        .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
  }
}
