/**
 * The sample clinic website: what a clinic's own site looks like with Hetki embedded exactly as the
 * embed instructions say (one script tag, one placeholder element). Plain static HTML on purpose.
 */
export function clinicHomePage(hetkiUrl: string, slug: string): string {
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Fysio – fysioterapiaa Helsingissä</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top">
  <div class="wrap bar">
    <a class="logo" href="/">Demo<span>Fysio</span></a>
    <nav aria-label="Päävalikko"><a href="#palvelut">Palvelut</a><a href="#ajanvaraus">Ajanvaraus</a><a href="/yhteystiedot">Yhteystiedot</a><a href="/tietosuoja">Tietosuoja</a></nav>
  </div>
</header>
<main>
  <section class="hero">
    <div class="wrap">
      <h1>Liikkumisen iloa – fysioterapiaa Helsingin keskustassa</h1>
      <p>Yksilöllistä fysioterapiaa ja hierontaa kokeneilta ammattilaisilta. Varaa aika verkossa, muutama klikkaus riittää.</p>
      <a class="cta" href="#ajanvaraus">Varaa aika</a>
    </div>
  </section>
  <section id="palvelut" class="wrap cards">
    <article><h2>Fysioterapia</h2><p>Tutkimus, hoito ja kotiharjoitteet tuki- ja liikuntaelinvaivoihin.</p></article>
    <article><h2>Hieronta</h2><p>Rentouttava tai urheiluhieronta lihashuoltoon ja palautumiseen.</p></article>
    <article><h2>Ryhmät</h2><p>Pienryhmissä kuntoutus ja selän hyvinvointi ammattilaisen ohjauksessa.</p></article>
  </section>
  <section id="ajanvaraus" class="wrap booking">
    <h2>Ajanvaraus</h2>
    <div data-hetki-booking></div>
  </section>
</main>
<footer class="wrap foot">
  <p>Demo Fysio · Mannerheimintie 1, 00100 Helsinki · +358 40 123 4567</p>
  <p><a href="/tietosuoja">Tietosuojaseloste</a> · <button type="button" class="linkish" onclick="window.Hetki && window.Hetki.openConsent()">Evästeasetukset</button></p>
  <p class="muted" id="consent-state" aria-live="polite"></p>
</footer>
<script>
  // How a clinic would gate its own analytics on the visitor's choice.
  function showConsent(consent) {
    var el = document.getElementById('consent-state');
    el.textContent = consent ? 'Analytiikka: ' + (consent.analytics ? 'sallittu' : 'ei sallittu') + ', markkinointi: ' + (consent.marketing ? 'sallittu' : 'ei sallittu') : '';
  }
  window.addEventListener('hetki:consent', function (event) { showConsent(event.detail); });
</script>
<script src="${hetkiUrl}/widget.js" data-clinic="${slug}" async></script>
</body>
</html>`;
}

/** A page without a placeholder: the loader puts a floating "Varaa aika" button on it that opens the widget in a dialog. */
export function clinicContactPage(hetkiUrl: string, slug: string): string {
  return `<!doctype html>
<html lang="fi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Yhteystiedot – Demo Fysio</title><style>${STYLES}</style></head>
<body>
<header class="top"><div class="wrap bar"><a class="logo" href="/">Demo<span>Fysio</span></a></div></header>
<main class="wrap prose">
  <h1>Yhteystiedot</h1>
  <p>Demo Fysio, Mannerheimintie 1, 00100 Helsinki</p>
  <p>Puhelin +358 40 123 4567 (ma–pe 8–16) · info@demo.hetki.test</p>
  <p>Ajan voit varata oikean alakulman painikkeesta.</p>
  <p><a href="/">Takaisin etusivulle</a></p>
</main>
<script src="${hetkiUrl}/widget.js" data-clinic="${slug}" async></script>
</body>
</html>`;
}

export function clinicPrivacyPage(): string {
  return `<!doctype html>
<html lang="fi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tietosuojaseloste – Demo Fysio</title><style>${STYLES}</style></head>
<body>
<header class="top"><div class="wrap bar"><a class="logo" href="/">Demo<span>Fysio</span></a></div></header>
<main class="wrap prose">
  <h1>Tietosuojaseloste</h1>
  <p>Rekisterinpitäjä: Demo Fysio Oy (0112038-9), Mannerheimintie 1, 00100 Helsinki.</p>
  <p>Käsittelemme asiakasrekisterin tietoja ajanvarauksen ja hoidon toteuttamiseksi. Markkinointirekisteriin liitymme vain suostumuksellasi, ja voit perua suostumuksen milloin tahansa.</p>
  <p>Evästeet: välttämättömät evästeet ovat aina käytössä; analytiikka- ja markkinointievästeet vain suostumuksellasi.</p>
  <p><a href="/">Takaisin etusivulle</a></p>
</main>
</body>
</html>`;
}

const STYLES = `
:root { font-family: Georgia, 'Times New Roman', serif; color: #21303a; background: #fbf8f3; line-height: 1.55; }
body { margin: 0; }
.wrap { max-width: 68rem; margin: 0 auto; padding: 0 1.25rem; }
.top { background: #fff; border-bottom: 1px solid #e7e0d5; }
.bar { display: flex; align-items: center; justify-content: space-between; gap: 1rem; min-height: 4rem; flex-wrap: wrap; }
.logo { font-size: 1.5rem; font-weight: 700; color: #1f5c55; text-decoration: none; }
.logo span { color: #c0703c; }
nav a { margin-left: 1.25rem; color: #21303a; font-family: system-ui, sans-serif; }
.hero { background: linear-gradient(120deg, #1f5c55, #2f7d73); color: #fff; padding: 4rem 0; }
.hero h1 { font-size: clamp(1.8rem, 4vw, 2.8rem); margin: 0 0 1rem; max-width: 40rem; }
.hero p { max-width: 36rem; font-size: 1.15rem; }
.cta { display: inline-block; margin-top: 1rem; background: #f2b880; color: #21303a; padding: 0.75rem 1.5rem; border-radius: 2rem; font-family: system-ui, sans-serif; font-weight: 600; text-decoration: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1.25rem; margin: 3rem auto; }
.cards article { background: #fff; border: 1px solid #e7e0d5; border-radius: 1rem; padding: 1.5rem; }
.booking { margin: 3rem auto; }
.foot { border-top: 1px solid #e7e0d5; padding: 2rem 1.25rem; font-family: system-ui, sans-serif; font-size: 0.95rem; }
.linkish { background: none; border: 0; padding: 0; color: #1f5c55; text-decoration: underline; font: inherit; cursor: pointer; }
.muted { color: #5b6770; }
.prose { padding: 2rem 1.25rem 4rem; max-width: 44rem; }
`;
