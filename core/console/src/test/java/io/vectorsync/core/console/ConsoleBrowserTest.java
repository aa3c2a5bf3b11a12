package io.vectorsync.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The quickstart job built through the console's forms in a real headless Chromium: preview shows a 384-dimension
 * vector, the run ends SUCCEEDED with 200 records in the history. Needs Debian's chromium and chromium-driver
 * (.ci/run installs them); skipped without them. Screenshots go to target/screenshots, and to docs/console when
 * run with -Dconsole.screenshots=docs.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static ConsoleFixture console;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: install Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        console = new ConsoleFixture("127.0.0.1");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-first-run", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void buildPreviewAndRunTheQuickstartThroughTheForms() throws Exception {
        long t0 = System.nanoTime();
        driver.get(console.base + "/#/editor");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-0-type")));
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("editor loaded in " + loadMs + " ms");

        driver.findElement(By.id("new-btn")).click();
        WebElement name = driver.findElement(By.id("job-name"));
        name.clear();
        name.sendKeys("quickstart");

        // reader
        new Select(driver.findElement(By.id("step-0-type"))).selectByValue("localfile");
        set(0, "path", "examples/data/stsb-en-sample.csv");
        set(0, "fileFormat", "csv");
        setColumns(0, List.of(List.of("0", "sentence", "string"), List.of("1", "paraphrase", "string"),
                List.of("2", "score", "double")));

        // embedding, through the onnx model provider
        new Select(driver.findElement(By.id("add-transformer-type"))).selectByValue("embedding-transformer");
        driver.findElement(By.id("add-transformer-btn")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-1 [name=modelProvider]")));
        driver.findElement(By.id("step-1-name")).clear();
        driver.findElement(By.id("step-1-name")).sendKeys("embed");
        set(1, "modelProvider", "onnx");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-1"), "Model: onnx"));
        set(1, "modelName", "all-MiniLM-L6-v2");
        set(1, "embeddingColumns", "{\"sourceColumnNames\": [\"sentence\"], \"embeddingColumnName\": \"sentence_vector\"}");
        set(1, "dimension", "384");
        set(1, "batchSize", "0");

        // writer, first without its required writeMode: the CLI's messages appear at their fields
        new Select(driver.findElement(By.id("step-2-type"))).selectByValue("localfile");
        set(2, "path", "target/quickstart-output");
        set(2, "fileName", "sentences");
        set(2, "fileFormat", "jsonl");
        WebElement batchIssue = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-path='$.steps[1].parameter.batchSize'] .issue")));
        assertTrue(batchIssue.getText().contains("must be positive"), batchIssue.getText());
        WebElement modeIssue = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-path='$.steps[2].parameter.writeMode'] .issue")));
        assertTrue(modeIssue.getText().contains("required"), modeIssue.getText());
        set(1, "batchSize", "32");
        set(2, "writeMode", "truncate");
        wait.until(ExpectedConditions.textToBe(By.id("validation-status"), "Valid"));

        // the JSON view follows the forms, and the forms follow the JSON view
        JsonNode json = new ObjectMapper().readTree(driver.findElement(By.id("job-json")).getAttribute("value"));
        assertEquals("2.0", json.get("version").asText());
        assertEquals("onnx", json.get("steps").get(1).get("parameter").get("modelProvider").asText());
        assertEquals(384, json.get("steps").get(1).get("parameter").get("dimension").asInt());
        assertEquals("truncate", json.get("steps").get(2).get("parameter").get("writeMode").asText());
        String edited = driver.findElement(By.id("job-json")).getAttribute("value").replace("\"batchSize\": 32", "\"batchSize\": 16");
        setTextarea(driver.findElement(By.id("job-json")), edited);
        wait.until(d -> "16".equals(field(1, "batchSize").getAttribute("value")));
        wait.until(ExpectedConditions.textToBe(By.id("validation-status"), "Valid"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mapping-table"), "sentence_vector"));
        screenshot("editor", null);

        // preview: a 384-dimension vector appears
        driver.findElement(By.id("preview-btn")).click();
        WebElement vector = new WebDriverWait(driver, Duration.ofMinutes(2)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#preview-table .vector[data-dimension='384']")));
        assertTrue(vector.getText().contains("384 dims"), vector.getText());
        assertTrue(driver.findElement(By.id("preview-table")).getText().contains("A man with a hard hat is dancing."));
        screenshot("preview", "preview");

        // run: SUCCEEDED with 200 records, in the history
        driver.findElement(By.id("run-btn")).click();
        new WebDriverWait(driver, Duration.ofMinutes(3)).until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        WebElement row = new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#history-table tr[data-run] .status-SUCCEEDED")));
        WebElement historyRow = row.findElement(By.xpath("./.."));
        assertEquals("200", historyRow.findElement(By.cssSelector(".read")).getText());
        assertEquals("200", historyRow.findElement(By.cssSelector(".written")).getText());
        assertTrue(driver.findElement(By.id("run-log")).getText().contains("Job quickstart SUCCEEDED"));
        assertEquals(200, Files.readAllLines(console.workDir.resolve("target/quickstart-output/sentences-0.jsonl")).size());
        screenshot("run", null);
    }

    @Test
    void typedListsAreEditableTablesSyncedWithTheJsonAndValidatedPerCell() throws Exception {
        newJobIntoTheColumnsProbe();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-1 table[data-option='column']")));
        assertEquals("password", field(1, "password").getAttribute("type"), "a secret is a password field");

        WebElement add = driver.findElement(By.cssSelector("#step-1 [data-add='column']"));
        add.click();
        driver.findElement(By.cssSelector("#step-1 [data-add='column']")).click();
        driver.findElement(By.cssSelector("[data-path='$.steps[1].parameter.column[0].name'] input")).sendKeys("sentence");
        new Select(driver.findElement(By.cssSelector("[data-path='$.steps[1].parameter.column[0].type'] select"))).selectByValue("string");
        // row 2 has no name: the CLI's message for column[1].name appears in that cell
        WebElement issue = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("td[data-path='$.steps[1].parameter.column[1].name'] .issue")));
        assertTrue(issue.getText().contains("required"), issue.getText());
        JsonNode json = new ObjectMapper().readTree(driver.findElement(By.id("job-json")).getAttribute("value"));
        JsonNode column = json.get("steps").get(1).get("parameter").get("column");
        assertEquals("sentence", column.get(0).get("name").asText());
        assertEquals("string", column.get(0).get("type").asText());
        assertEquals(2, column.size());

        // the JSON's shorthand (plain names) becomes table rows
        String text = driver.findElement(By.id("job-json")).getAttribute("value");
        JsonNode edited = new ObjectMapper().readTree(text);
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("steps").get(1).get("parameter")).putArray("column")
                .add("paraphrase").add("score");
        setTextarea(driver.findElement(By.id("job-json")), edited.toPrettyString());
        wait.until(d -> "score".equals(d.findElement(By.cssSelector(
                "[data-path='$.steps[1].parameter.column[1].name'] input")).getAttribute("value")));
        assertEquals("paraphrase", driver.findElement(By.cssSelector(
                "[data-path='$.steps[1].parameter.column[0].name'] input")).getAttribute("value"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#step-1 .issue")));
    }

    @Test
    void theDraftKeptInTheBrowserLeavesSecretsOut() throws Exception {
        newJobIntoTheColumnsProbe();
        set(1, "password", "hunter2-in-a-draft");
        wait.until(d -> driver.findElement(By.id("job-json")).getAttribute("value").contains("hunter2-in-a-draft"));
        String draft = (String) ((JavascriptExecutor) driver).executeScript(
                "return localStorage.getItem('vectorsync.console.draft');");
        assertTrue(draft.contains("columns-probe") && draft.contains("stsb-en-sample.csv"), draft);
        assertTrue(!draft.contains("hunter2-in-a-draft"), "the secret was stored in localStorage: " + draft);
    }

    @Test
    void datasourceSecretsAreTypedInPasswordFieldsAndNeverShownAgain() throws Exception {
        driver.get(console.base + "/#/datasources");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-datasource-btn"))).click();
        driver.findElement(By.id("ds-name")).sendKeys("browser_ds");
        new Select(driver.findElement(By.id("ds-type"))).selectByValue("localfile");
        driver.findElement(By.cssSelector("#datasource-editor .ds-key")).sendKeys("password");
        WebElement value = driver.findElement(By.cssSelector("#datasource-editor .ds-value"));
        assertEquals("password", value.getAttribute("type"), "a password-like key gets a password field");
        value.sendKeys("s3cret-from-browser");
        driver.findElement(By.id("ds-save")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-datasource='browser_ds']")));
        assertTrue(row.getText().contains("******"), row.getText());
        assertTrue(!driver.getPageSource().contains("s3cret-from-browser"), "the saved secret never comes back");
        assertTrue(Files.readString(console.workDir.resolve("conf/datasources.json")).contains("s3cret-from-browser"));
    }

    /** A new job in the editor: the localfile reader on the sample CSV, into the columns-probe test writer. */
    private static void newJobIntoTheColumnsProbe() {
        driver.get(console.base + "/#/editor");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-btn"))).click();
        new Select(driver.findElement(By.id("step-0-type"))).selectByValue("localfile");
        set(0, "path", "examples/data/stsb-en-sample.csv");
        new Select(driver.findElement(By.id("step-1-type"))).selectByValue("columns-probe");
    }

    private static WebElement field(int step, String key) {
        return driver.findElement(By.cssSelector("#step-" + step + " [name='" + key + "']"));
    }

    /** Types or selects a value the way a user would. */
    private static void set(int step, String key, String value) {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-" + step + " [name='" + key + "']")));
        if (!e.isDisplayed()) { // an optional field waits behind "more options": open it, as a user would
            e.findElement(By.xpath("./ancestor::details[1]/summary")).click();
        }
        if (e.getTagName().equals("select")) {
            new Select(e).selectByValue(value);
        } else if (e.getTagName().equals("textarea")) {
            setTextarea(e, value);
        } else {
            e.clear();
            e.sendKeys(value);
        }
    }

    private static void setTextarea(WebElement e, String value) {
        e.clear();
        // sendKeys on a long text is slow and types braces one by one: set it and fire the input event instead
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", e, value);
    }

    /** The `column` option: an editable table when the plugin declares a typed list, else its JSON. */
    private static void setColumns(int step, List<List<String>> rows) {
        List<WebElement> tables = driver.findElements(By.cssSelector("#step-" + step + " table[data-option='column']"));
        if (tables.isEmpty()) {
            StringBuilder json = new StringBuilder("[");
            for (List<String> r : rows) {
                json.append(json.length() > 1 ? "," : "").append("{\"index\":").append(r.get(0)).append(",\"name\":\"")
                        .append(r.get(1)).append("\",\"type\":\"").append(r.get(2)).append("\"}");
            }
            set(step, "column", json.append(']').toString());
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            driver.findElement(By.cssSelector("#step-" + step + " [data-add='column']")).click();
            String rowPath = "$.steps[" + step + "].parameter.column[" + i + "]";
            List<String> keys = List.of("index", "name", "type");
            for (int k = 0; k < keys.size(); k++) {
                WebElement cell = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("[data-path='" + rowPath + "." + keys.get(k) + "'] input, [data-path='" + rowPath + "."
                                + keys.get(k) + "'] select")));
                if (cell.getTagName().equals("select")) {
                    new Select(cell).selectByValue(rows.get(i).get(k));
                } else {
                    cell.sendKeys(rows.get(i).get(k));
                }
            }
        }
    }

    /** The whole page, or the window scrolled to {@code elementId}. */
    private static void screenshot(String name, String elementId) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        File png;
        if (elementId != null) {
            js.executeScript("document.getElementById(arguments[0]).scrollIntoView()", elementId);
            js.executeScript("window.scrollBy(0, -60)");
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        } else {
            js.executeScript("window.scrollTo(0, 0)");
            long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
            Dimension before = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height + 140, 900), 2600)));
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            driver.manage().window().setSize(before);
        }
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.copy(png.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        if ("docs".equals(System.getProperty("console.screenshots"))) {
            Path docs = Files.createDirectories(ConsoleFixture.REPO.resolve("docs/console"));
            Files.copy(png.toPath(), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
