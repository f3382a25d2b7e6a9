package io.trendwatch.serving;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's headless Chromium driven by its chromedriver ($CHROMIUM and $CHROMEDRIVER override the paths). */
public final class Chromium {

    private Chromium() {
    }

    public static ChromeDriver open() {
        File chromedriver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        File chromium = new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromedriver).as("install the browser: apt-get install chromium chromium-driver").exists();
        assertThat(chromium).as("install the browser: apt-get install chromium chromium-driver").exists();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.getPath())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1440,900");
        return new ChromeDriver(service, options);
    }
}
