package io.vectorsync.core.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long each console page takes to be drawn with its data in headless Chromium, from navigation start (the
 * pages record it as data-ready-ms). Run: {@code mvn -pl core/console test -Dtest=ConsolePageLoadBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class ConsolePageLoadBenchmark {
    private static final int LOADS = 15;

    @Test
    void pageLoadTimes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs Debian's chromium and chromium-driver");
        try (ConsoleFixture console = new ConsoleFixture("127.0.0.1")) {
            ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
            ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
            try {
                for (String page : List.of("editor", "catalog", "datasources", "runs")) {
                    List<Long> times = new ArrayList<>();
                    for (int i = 0; i < LOADS; i++) {
                        driver.get("about:blank");
                        driver.get(console.base + "/#/" + page);
                        String ms = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                                d.findElement(By.tagName("html")).getAttribute("data-ready-ms"));
                        times.add(Long.parseLong(ms));
                    }
                    Collections.sort(times);
                    System.out.printf("console page %-12s ready in median %d ms, max %d ms (%d loads, sorted: %s)%n",
                            page, times.get(LOADS / 2), times.get(LOADS - 1), LOADS, times);
                }
            } finally {
                driver.quit();
            }
        }
    }
}
