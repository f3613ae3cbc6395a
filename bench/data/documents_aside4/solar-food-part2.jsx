import { Container, Link as RadixLink, Section } from "@radix-ui/themes";

import Header from "@/components/Blog/Header";
import Feedback from "@/components/Blog/Feedback";
import CaptionedImage from "@/components/Blog/CaptionedImage";


const Content = () => (
<div className="flex flex-col flex-grow gap-4 relative text-lg pb-8">
<h3 className="rt-Heading rt-r-size-7 rt-r-weight-bold pt-2" id="agriculture-is-only-0.0125-efficient">Agriculture is only 0.0125%
efficient</h3>
<p>In the last post, I highlighted the inefficiency of plants at turning
solar energy into stored chemical energy that we can eat. <strong>While enough solar energy falls
on 0.75 m<sup>2</sup> of land to meet one person’s theoretical energy
needs, we currently farm ~6,000 m<sup>2</sup> of land to feed one
person</strong><a className="footnote-ref" href="#fn1" id="fnref1" role="doc-noteref"><sup>1</sup></a><strong>.</strong> Crudely, this
means that modern agriculture is about 0.0125% efficient at turning
sunlight into food.</p>
<h3 className="rt-Heading rt-r-size-7 rt-r-weight-bold pt-2" id="why-does-land-efficiency-matter">Why does land efficiency
matter?</h3>
<p>The problems of land use only become apparent when you zoom out.</p>
<CaptionedImage
  src="/media/land-use-bloomberg.png"
  alt="Land use in the United States"
  captionUrl="https://www.bloomberg.com/graphics/2018-us-land-use/?terminal=true"
  captionText="Source: Bloomberg"
/>
<p><strong>Food security risks.</strong> The obvious problem is the
amount of space that it already takes to produce food. A more pressing concern is that if one region becomes much less
productive (e.g, due to warmer climates or a <a href="https://e360.yale.edu/features/as-the-climate-warms-could-the-u.s.-face-another-dust-bowl"><u>Dust
Bowl v2</u></a>), we don’t have a large buffer of land where new
agriculture could come from<a className="footnote-ref" href="#fn2" id="fnref2" role="doc-noteref"><sup>2</sup></a>. Arable land
could become more scarce in the future, or migrate across borders. By
the way, this picture is fairly representative of the whole world, which
has about <a href="https://ourworldindata.org/global-land-for-agriculture"><u>half</u></a>
of all habitable land dedicated to agriculture.</p>
<p><strong>Carbon opportunity cost.</strong> One mind-blowing finding from{" "}
<a href="https://www.nature.com/articles/s41893-020-00603-4"><u>Hayek et
al.</u></a> is that If we stopped using the land dedicated to livestock
farming (i.e, letting native vegetation regrow), we could remove about
~800 gigatons of CO₂. That’s about half of cumulative anthropogenic
emissions since the industrial revolution<a className="footnote-ref" href="#fn3" id="fnref3" role="doc-noteref"><sup>3</sup></a>. <a href="https://journals.plos.org/climate/article?id=10.1371/journal.pclm.0000010"><u>Eisen
&amp; Brown</u></a> plugged several livestock phaseout<a className="footnote-ref" href="#fn4" id="fnref4" role="doc-noteref"><sup>4</sup></a>{" "}
scenarios like this into a climate model, and found that the negative
emissions would effectively halt global warming for 30 years. Arable
land is a valuable and scalable carbon sink.</p>
<p>Casey Handmer’s essays have convinced me that <strong>for any
commodity X, if we can commercialize a solar-to-X pathway, then X could
become very cheap</strong><a className="footnote-ref" href="#fn5" id="fnref5" role="doc-noteref"><sup>5</sup></a>. His startup,
Terraform Industries, is focused on natural gas and synthetic fuels, but
the <em>solar industrial revolution</em> could also give us cheaper
chemicals, materials, fertilizers, carbon removal, manufacturing,
compute power, etc.</p>
<p>My prediction is this: cheap solar and synthetic biology will make it
possible to grow any food anywhere in the world, using electricity, air,
and water. Cheap solar will provide a distributed<a className="footnote-ref" href="#fn6" id="fnref6" role="doc-noteref"><sup>6</sup></a> and
abundant source of energy, and synthetic biology will allow us to turn
energy and simple building blocks into complex configurations of matter
that are enjoyable to eat.</p>
<p>A subset of autotrophs, called <a href="https://en.wikipedia.org/wiki/Hydrogen-oxidizing_bacteria"><u>hydrogen
oxidizing bacteria</u></a> (HOBs), can grow off of an H₂/CO₂ gas
mixture<a className="footnote-ref" href="#fn7" id="fnref7" role="doc-noteref"><sup>7</sup></a>. The hydrogen acts as an electron
donor (providing energy), and CO₂ provides a carbon source.</p>
<p>My main concern around using hydrogen feedstock is intermittency and
storage. Fed-batch or continuous fermentation requires a steady supply
of feedstock, but cheap solar is only available for electrolysis during
the day<a className="footnote-ref" href="#fn8" id="fnref8" role="doc-noteref"><sup>8</sup></a>. You could produce and store excess
hydrogen during the day, but the consensus seems to be that hydrogen is
notoriously expensive and difficult to <a href="https://www.thechemicalengineer.com/features/the-unbearable-lightness-of-hydrogen/"><u>store</u></a>{" "}
and <a href="https://en.wikipedia.org/wiki/Hydrogen_embrittlement"><u>transport</u></a>.</p>
<p>The biggest philosophical issue I have with precision fermentation is
that it feels wasteful; you grow a huge mass of cells, but only harvest
a specific target protein of interest<a className="footnote-ref" href="#fn9" id="fnref9" role="doc-noteref"><sup>9</sup></a>.</p>
<p>I should mention that current CFPS is <u>not</u> actually cell-free,
since you need to produce the TX/TL machinery (e.g, ribosomes, RNA
polymerase, co-factors) in a cell and then extract them<a className="footnote-ref" href="#fn10" id="fnref10" role="doc-noteref"><sup>10</sup></a>.
In theory, one big advantage of cell-free is that you could keep
recycling the TX/TL machinery in a continuous process, since it isn’t
consumed.</p>
<p>An end-to-end example is the <a href="https://www.science.org/doi/10.1126/science.abh4049"><u>ASAP
cycle</u></a>, whose authors produced starch in a cell-free process that
can be fed with either methanol or CO₂. Many other cycles or linear
carbon fixation pathways have been <a href="https://spj.science.org/doi/10.34133/2021/9898316"><u>surveyed</u></a>,
such as the <a href="https://chemistry-europe.onlinelibrary.wiley.com/doi/full/10.1002/cctc.202300746"><u>CBB
Cycle</u></a>, <a href="https://www.frontiersin.org/articles/10.3389/fbioe.2023.1091899/full"><u>Reductive
Glycine (rGly) Pathway</u></a>, <a href="https://www.nature.com/articles/s41929-023-01079-z"><u>THETA
Cycle</u></a>, Serine Cycle, RuMP Cycle, and more<a className="footnote-ref" href="#fn11" id="fnref11" role="doc-noteref"><sup>11</sup></a>.</p>
<p>Nonetheless, companies like <a href="https://solugen.com/"><u>Solugen</u></a> are an existence proof
that you can make things cheaply and at an industrial scale using
enzymes<a className="footnote-ref" href="#fn12" id="fnref12" role="doc-noteref"><sup>12</sup></a>.</p>
<h3 className="rt-Heading rt-r-size-7 rt-r-weight-bold pt-2" id="food-superabundance">Food superabundance?</h3>
<p>By now, I hope to have convinced you that solar-to-food pathways are
at least worthy of more exploration. We <a href="https://ourworldindata.org/grapher/global-energy-substitution"><u>produced</u></a>{" "}
~22 MWh of energy per person in 2022, while the food-energy needs of a
person are on the order of 1-2 MWh<a className="footnote-ref" href="#fn13" id="fnref13" role="doc-noteref"><sup>13</sup></a> per year.
There are about ~119 tons of excess CO₂ in the atmosphere per person
alive today<a className="footnote-ref" href="#fn14" id="fnref14" role="doc-noteref"><sup>14</sup></a> – a liability to human
civilization, but a valuable asset if you’re in the business of
photosynthesis.</p>
<section className="footnotes footnotes-end-of-document pt-8 text-sm" id="footnotes" role="doc-endnotes">
<div className="pb-8">
<hr/>
</div>
<ol className="list-decimal pl-4 flex flex-col gap-3">
<li><div className="pl-2" id="fn1">
<p>The 0.75 m<sup>2</sup> figure is based on calculations in this
paper’s <a href="https://www.frontiersin.org/articles/10.3389/fsufs.2020.00090/full"><u>introduction</u></a>,
and is the lower bound for how much land you need to feed a person if
they could somehow absorb sunlight with 100% efficiency. Total <a href="https://ourworldindata.org/global-land-for-agriculture"><u>land
use</u></a> for agriculture is 48M km<sup>2</sup>, and there are about
8.1B people, coming out to ~6,000 m<sup>2</sup> per person.<a className="footnote-back" href="#fnref1" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn2">
<p>Of course, phasing out animal agriculture would free up a massive
amount of land, as I explained in the previous post. Land scarcity is
driven much more by what we eat than how much we eat, or how many people
there are.<a className="footnote-back" href="#fnref2" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn3">
<p><a href="https://ourworldindata.org/grapher/cumulative-co-emissions?tab=table"><u>Our
World in Data</u></a> puts cumulative global emissions around ~1,700
gigatons CO₂.<a className="footnote-back" href="#fnref3" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn4">
<p>Rewilding cropland would sequester a lot of carbon too; livestock
isn’t the only culprit. I think livestock should be the focus of land
restoration because (1) they cover the largest fraction of agricultural
land, and (2) they are a much less productive form of food in terms of
kcal/hectare.<a className="footnote-back" href="#fnref4" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn5">
<p>As long as CapEx is not the majority of cost. For example, if 90% of
a product’s cost is CapEx, then even free energy will not make it
significantly cheaper.<a className="footnote-back" href="#fnref5" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn6">
<p>Renewable energy is very equitable, in the sense that most countries
have at least one option among solar, wind, hydro, or geothermal.
Mineable fossil fuels, on the other hand, are concentrated in relatively
few places.<a className="footnote-back" href="#fnref6" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn7">
<p>A nitrogen source, like ammonia, is also required for fermentation.
However, I’m going to sidestep the problem of sourcing green ammonia for
now.<a className="footnote-back" href="#fnref7" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn8">
<p>Even if you did draw power from the grid, the cheapest electricity
prices are also intermittent. So you’d still want to be able to ramp
feedstock production up and down, which also creates a need for
temporary feedstock storage.<a className="footnote-back" href="#fnref8" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn9">
<p>This complaint applies mainly to batch and fed-batch fermentation. A
few companies (e.g, Cauldron and Pow.bio) are working on <em>continuous
fermentation</em>, where the cells continue expressing the target
protein over many iterations of harvesting. Continuous fermentation
would improve unit economics considerably, because it amortizes the cost
of setup, cleaning/sterilization, growing the cells, etc, over multiple
batches.<a className="footnote-back" href="#fnref9" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn10">
<p>One quite cool property of the cell extract is its portability: you
can <a href="https://www.cell.com/fulltext/S0092-8674(16)31246-6"><u>freeze-dry
it</u></a>, ship it, and use it somewhere else when needed.<a className="footnote-back" href="#fnref10" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn11">
<p>I would be remiss if I did not acknowledge how much of the existing
research on synthetic carbon fixation pathways was either inspired or
done by <a href="https://en.wikipedia.org/wiki/Arren_Bar-Even"><u>Arren
Bar-Even</u></a>.<a className="footnote-back" href="#fnref11" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn12">
<p>Solugen has a slightly easier challenge, since their process starts
from sugar rather than raw CO₂. So the hard work of photosynthesis is
still done by a plant.<a className="footnote-back" href="#fnref12" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn13">
<p>To be generous, 3,000 kcal/day * 365 days/year * 1.162 Wh / kcal =
1.27 MWh. If you could eat electricity, your food would cost a few
hundred dollars per year.<a className="footnote-back" href="#fnref13" role="doc-backlink">↩︎</a></p>
</div></li>
<li><div className="pl-2" id="fn14">
<p>An <a href="https://en.wikipedia.org/wiki/Carbon_dioxide_in_Earth%27s_atmosphere#:~:text=It%20has%20been%20estimated%20that,gigatons%20remaining%20in%20the%20atmosphere."><u>estimated</u></a>{" "}
950 gigatons of excess CO₂ are in the atmosphere right now, which does
not include the excess emissions that have been absorbed by the ocean,
forests, soils, etc. 950 gigatons / 8 billion people = 118.8 tons per
person.<a className="footnote-back" href="#fnref14" role="doc-backlink">↩︎</a></p>
</div></li>
</ol>
</section>
</div>
)


export default function Page() {
  return (
    <Section
      size={{initial: "1", md: "3"}}
      pl={{initial: "3"}}
      pr={{initial: "3"}}
      id="blog-wrapper"
    >
      <Container size="3">
        <Header
          title="Part 2: The artificial photosynthesis revolution"
          publishDate="June 9, 2024"
          sidenoteWarning
        />
        <Content/>
        <Feedback/>
      </Container>
    </Section>
  );
}
