"""Msgids of the shipped kits (see core.models.localized): a kit's title, summary,
tools and steps reach every language but English and French (the rows' own columns)
through the catalogues, with the UI. Kept in step with kits/data.py by a test."""

from django.utils.translation import pgettext_lazy

MSGIDS = [
    pgettext_lazy("kit", "Our towns, our lives"),
    pgettext_lazy(
        "kit",
        "Two classes introduce themselves, their school and their town, compare daily life and build together a bilingual guide to both towns.",
    ),
    pgettext_lazy(
        "kit", "TwinSpace pages and forum; photo albums; a shared map; the project blog."
    ),
    pgettext_lazy("kit step", "Hello! Who are we?"),
    pgettext_lazy(
        "kit step",
        "Each pupil writes a short self-portrait (first name, age, tastes, a favourite place) in the partners' language, with help from a word bank prepared in class. Post the portraits on this page; every pupil reads and answers two portraits of the partner class.",
    ),
    pgettext_lazy("kit step", "Our school"),
    pgettext_lazy(
        "kit step",
        "In small groups, pupils photograph and describe places of their school: the classroom, the canteen, the playground, the timetable of a typical day. Compare with the partners: what is the same, what surprises you?",
    ),
    pgettext_lazy("kit step", "A walk through our town"),
    pgettext_lazy(
        "kit step",
        "Choose five places that matter to the class (a market, a monument, a park, a street…). For each one, a group writes a short text, adds a photo and places it on the shared map. Record a short audio welcome in both languages.",
    ),
    pgettext_lazy("kit step", "A day in our lives"),
    pgettext_lazy(
        "kit step",
        "Pupils keep a one-day diary (getting up, going to school, meals, leisure) and publish it with drawings or photos. In a live meeting or on the forum, mixed groups list three differences and three things in common.",
    ),
    pgettext_lazy("kit step", "Our bilingual town guide"),
    pgettext_lazy(
        "kit step",
        "Gather the best texts, photos and maps into a bilingual guide published on the project blog. Each class proofreads the partners' language. End with a short evaluation: what did we learn about the other town and about ourselves?",
    ),
    pgettext_lazy("kit", "Climate detectives"),
    pgettext_lazy(
        "kit",
        "Pupils measure the weather and the energy use of their school, compare the data with their partners, and propose an action plan to reduce their footprint.",
    ),
    pgettext_lazy(
        "kit",
        "A thermometer and a rain gauge; a shared spreadsheet; the TwinSpace forum; video meetings to present results.",
    ),
    pgettext_lazy("kit step", "What is the climate like where we live?"),
    pgettext_lazy(
        "kit step",
        "Each class finds its town on a map, looks up its average temperatures and rainfall, and presents them with a chart. Pupils formulate questions: why is it warmer or wetter at our partners'?",
    ),
    pgettext_lazy("kit step", "Four weeks of measurements"),
    pgettext_lazy(
        "kit step",
        "Every school day at the same time, a team records temperature, rainfall and cloud cover in the shared spreadsheet. Agree beforehand on units and on the exact method so that the data can be compared.",
    ),
    pgettext_lazy("kit step", "Energy audit of our school"),
    pgettext_lazy(
        "kit step",
        "Investigate lighting, heating, computers left on, and how pupils come to school. Estimate the energy used in one week and the share of each item. Publish the audit with photos of what you found.",
    ),
    pgettext_lazy("kit step", "Comparing our data"),
    pgettext_lazy(
        "kit step",
        "In mixed groups, compare the weather series and the audits of both schools. Compute averages and differences, draw charts and explain them: is a difference due to the climate, to the building, or to our habits?",
    ),
    pgettext_lazy("kit step", "Our climate action plan"),
    pgettext_lazy(
        "kit step",
        "Each class chooses three realistic actions, carries them out for two weeks and measures the effect. Present the results to both classes in a video meeting and publish the plan on the project website.",
    ),
    pgettext_lazy("kit", "Fairy tales across Europe"),
    pgettext_lazy(
        "kit",
        "Classes share the traditional tales of their countries, find what they have in common, and write and illustrate a new tale together, chapter by chapter.",
    ),
    pgettext_lazy(
        "kit",
        "Drawing materials and a scanner or camera; TwinSpace pages for each chapter; audio recordings; the project blog for the finished book.",
    ),
    pgettext_lazy("kit step", "Once upon a time in our country"),
    pgettext_lazy(
        "kit step",
        "Each class chooses a traditional tale of its country, tells it in simple sentences with drawings, and records it aloud. Partners listen and draw their favourite scene.",
    ),
    pgettext_lazy("kit step", "Heroes, villains and magic objects"),
    pgettext_lazy(
        "kit step",
        "Sort the characters and objects of both tales into a shared table. Which roles come back everywhere (the youngest child, the wolf, the magic helper)? Discuss in the forum.",
    ),
    pgettext_lazy("kit step", "Our shared characters"),
    pgettext_lazy(
        "kit step",
        "Each class invents one hero and one place, described and drawn, to be used in the common tale. Vote together for the magic object and the problem the heroes must solve.",
    ),
    pgettext_lazy("kit step", "Writing the tale in turns"),
    pgettext_lazy(
        "kit step",
        "The classes write alternate chapters: one class writes chapter 1, the other continues, and so on for six chapters. Each chapter is illustrated by the class that did not write it.",
    ),
    pgettext_lazy("kit step", "Our picture book"),
    pgettext_lazy(
        "kit step",
        "Assemble the chapters and illustrations into a bilingual picture book with audio. Publish it on the blog and present it to families or to younger classes in both schools.",
    ),
    pgettext_lazy("kit", "Maths in the market"),
    pgettext_lazy(
        "kit",
        "Pupils survey prices of everyday products, convert currencies and units, and compare what a basket of food costs in each country.",
    ),
    pgettext_lazy(
        "kit",
        "Price lists collected in shops or online; a shared spreadsheet; charts; posters for the exhibition.",
    ),
    pgettext_lazy("kit step", "Our shopping basket"),
    pgettext_lazy(
        "kit step",
        "Agree with the partners on a basket of ten products (bread, milk, apples, rice…) with precise quantities. Learn the names of the products in both languages.",
    ),
    pgettext_lazy("kit step", "Price survey"),
    pgettext_lazy(
        "kit step",
        "In two or three shops or markets, pupils note the price of each product and the quantity sold. Enter the data in the shared spreadsheet, with the shop and the date.",
    ),
    pgettext_lazy("kit step", "Units, unit prices and currencies"),
    pgettext_lazy(
        "kit step",
        "Convert every price to a price per kilogram or per litre, then, if the currencies differ, into one currency using the day's exchange rate. Check each other's calculations.",
    ),
    pgettext_lazy("kit step", "What does it tell us?"),
    pgettext_lazy(
        "kit step",
        "Compute the cost of the whole basket, averages and percentages of difference. Draw bar charts and discuss the reasons: local production, seasons, taxes, wages.",
    ),
    pgettext_lazy("kit step", "The market exhibition"),
    pgettext_lazy(
        "kit step",
        "Each class makes posters with the charts and its conclusions, exhibits them at school and publishes photos of the exhibition in the TwinSpace for the partners to comment on.",
    ),
    pgettext_lazy("kit", "Digital citizenship charter"),
    pgettext_lazy(
        "kit",
        "Pupils explore their online lives — privacy, kindness, reliable information — and write together a charter of good practice for both schools.",
    ),
    pgettext_lazy(
        "kit",
        "An anonymous online survey; the TwinSpace forum for debates; shared pages for drafting; the project blog for the charter.",
    ),
    pgettext_lazy("kit step", "Our online lives"),
    pgettext_lazy(
        "kit step",
        "Pupils answer an anonymous survey on their screen time, the apps they use and what they like or fear online. Compare the results of both classes in charts.",
    ),
    pgettext_lazy("kit step", "Privacy and personal data"),
    pgettext_lazy(
        "kit step",
        "What do we share, with whom, and what happens to it? Study the privacy settings of a common app and list the personal data it collects. Each class writes three pieces of advice.",
    ),
    pgettext_lazy("kit step", "Kindness and cyberbullying"),
    pgettext_lazy(
        "kit step",
        "From short scenarios, discuss in mixed groups how to react as a witness or as a victim, and whom to ask for help in each country. Keep the forum debate respectful: it is practice too.",
    ),
    pgettext_lazy("kit step", "True or false? Checking information"),
    pgettext_lazy(
        "kit step",
        "Each class sends the other five news items or images, some true, some false. Investigate them with fact-checking methods (source, date, reverse image search) and explain your verdict.",
    ),
    pgettext_lazy("kit step", "Our charter"),
    pgettext_lazy(
        "kit step",
        "Draft the charter together: ten rules, each with a reason, in both languages. Vote on the final text, present it to each school's council and publish it on the blog.",
    ),
    pgettext_lazy("kit", "European recipes book"),
    pgettext_lazy(
        "kit",
        "Families and pupils collect traditional recipes, cook and taste them, learn the vocabulary and the history behind each dish, and publish a shared recipe book.",
    ),
    pgettext_lazy(
        "kit",
        "Recipes from families; kitchen scales and measuring jugs; a camera; TwinSpace pages per recipe; the project blog for the book.",
    ),
    pgettext_lazy("kit step", "Recipes from home"),
    pgettext_lazy(
        "kit step",
        "Each pupil asks their family for a recipe that matters to them and writes it down with the list of ingredients. The class chooses six recipes: a starter, two main dishes, two desserts and a festive dish.",
    ),
    pgettext_lazy("kit step", "Kitchen words"),
    pgettext_lazy(
        "kit step",
        "Build an illustrated bilingual glossary of ingredients, utensils and actions (to chop, to stir, to bake). Partners test each other with a quiz.",
    ),
    pgettext_lazy("kit step", "Cooking and measuring"),
    pgettext_lazy(
        "kit step",
        "Cook at least one partner recipe in class or at home. Convert quantities and temperatures where needed, photograph each stage, and report how it tasted.",
    ),
    pgettext_lazy("kit step", "The story behind the dish"),
    pgettext_lazy(
        "kit step",
        "Research where each dish comes from, when it is eaten and which celebrations it belongs to. Add a short text and, if you can, a family anecdote to each recipe. Discuss balanced eating with the partners.",
    ),
    pgettext_lazy("kit step", "Our recipe book"),
    pgettext_lazy(
        "kit step",
        "Lay out the twelve recipes with photos, glossary and stories as a bilingual book on the blog. Share it with families, for example at a tasting afternoon in each school.",
    ),
]
