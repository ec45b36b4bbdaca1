"""The kits shipped with Jumelage, in English and French (loaded by a data migration).

Each step becomes one TwinSpace page when a project started from the kit is
activated, so a step's body speaks to the teachers and pupils doing it.
"""

KITS = [
    {
        "slug": "our-towns-our-lives",
        "title_en": "Our towns, our lives",
        "title_fr": "Nos villes, nos vies",
        "summary_en": (
            "Two classes introduce themselves, their school and their town, compare daily life "
            "and build together a bilingual guide to both towns."
        ),
        "summary_fr": (
            "Deux classes se présentent, présentent leur école et leur ville, comparent leur "
            "vie quotidienne et réalisent ensemble un guide bilingue des deux villes."
        ),
        "subjects": ["foreign-languages", "geography", "citizenship"],
        "age_min": 9,
        "age_max": 15,
        "duration_weeks": 10,
        "production": "online-journal",
        "tools_en": "TwinSpace pages and forum; photo albums; a shared map; the project blog.",
        "tools_fr": (
            "Pages et forum du TwinSpace ; albums photo ; une carte partagée ; le blog du projet."
        ),
        "steps": [
            (
                "Hello! Who are we?",
                "Bonjour ! Qui sommes-nous ?",
                "Each pupil writes a short self-portrait (first name, age, tastes, a favourite "
                "place) in the partners' language, with help from a word bank prepared in class. "
                "Post the portraits on this page; every pupil reads and answers two portraits "
                "of the partner class.",
                "Chaque élève écrit un court autoportrait (prénom, âge, goûts, un lieu préféré) "
                "dans la langue des partenaires, avec une banque de mots préparée en classe. "
                "Publiez les portraits sur cette page ; chaque élève lit et répond à deux "
                "portraits de la classe partenaire.",
            ),
            (
                "Our school",
                "Notre école",
                "In small groups, pupils photograph and describe places of their school: the "
                "classroom, the canteen, the playground, the timetable of a typical day. Compare "
                "with the partners: what is the same, what surprises you?",
                "En petits groupes, les élèves photographient et décrivent des lieux de l'école : "
                "la classe, la cantine, la cour, l'emploi du temps d'une journée type. Comparez "
                "avec les partenaires : qu'est-ce qui est pareil, qu'est-ce qui vous surprend ?",
            ),
            (
                "A walk through our town",
                "Promenade dans notre ville",
                "Choose five places that matter to the class (a market, a monument, a park, a "
                "street…). For each one, a group writes a short text, adds a photo and places it "
                "on the shared map. Record a short audio welcome in both languages.",
                "Choisissez cinq lieux qui comptent pour la classe (un marché, un monument, un "
                "parc, une rue…). Pour chacun, un groupe écrit un court texte, ajoute une photo "
                "et le place sur la carte partagée. Enregistrez un court message d'accueil "
                "audio dans les deux langues.",
            ),
            (
                "A day in our lives",
                "Une journée de notre vie",
                "Pupils keep a one-day diary (getting up, going to school, meals, leisure) and "
                "publish it with drawings or photos. In a live meeting or on the forum, mixed "
                "groups list three differences and three things in common.",
                "Les élèves tiennent le journal d'une journée (lever, trajet, repas, loisirs) et "
                "le publient avec des dessins ou des photos. En visioconférence ou sur le forum, "
                "des groupes mixtes relèvent trois différences et trois points communs.",
            ),
            (
                "Our bilingual town guide",
                "Notre guide bilingue des deux villes",
                "Gather the best texts, photos and maps into a bilingual guide published on the "
                "project blog. Each class proofreads the partners' language. End with a short "
                "evaluation: what did we learn about the other town and about ourselves?",
                "Rassemblez les meilleurs textes, photos et cartes dans un guide bilingue publié "
                "sur le blog du projet. Chaque classe relit la langue des partenaires. Terminez "
                "par une courte évaluation : qu'avons-nous appris sur l'autre ville et sur "
                "nous-mêmes ?",
            ),
        ],
    },
    {
        "slug": "climate-detectives",
        "title_en": "Climate detectives",
        "title_fr": "Détectives du climat",
        "summary_en": (
            "Pupils measure the weather and the energy use of their school, compare the data "
            "with their partners, and propose an action plan to reduce their footprint."
        ),
        "summary_fr": (
            "Les élèves mesurent la météo et la consommation d'énergie de leur école, comparent "
            "les données avec leurs partenaires et proposent un plan d'action pour réduire "
            "leur empreinte."
        ),
        "subjects": ["science", "environment", "mathematics", "geography"],
        "age_min": 10,
        "age_max": 16,
        "duration_weeks": 12,
        "production": "website",
        "tools_en": (
            "A thermometer and a rain gauge; a shared spreadsheet; the TwinSpace forum; "
            "video meetings to present results."
        ),
        "tools_fr": (
            "Un thermomètre et un pluviomètre ; un tableur partagé ; le forum du TwinSpace ; "
            "des visioconférences pour présenter les résultats."
        ),
        "steps": [
            (
                "What is the climate like where we live?",
                "Quel climat chez nous ?",
                "Each class finds its town on a map, looks up its average temperatures and "
                "rainfall, and presents them with a chart. Pupils formulate questions: why is it "
                "warmer or wetter at our partners'?",
                "Chaque classe situe sa ville sur une carte, cherche les températures et "
                "précipitations moyennes et les présente dans un graphique. Les élèves "
                "formulent des questions : pourquoi fait-il plus chaud ou plus humide chez nos "
                "partenaires ?",
            ),
            (
                "Four weeks of measurements",
                "Quatre semaines de mesures",
                "Every school day at the same time, a team records temperature, rainfall and cloud "
                "cover in the shared spreadsheet. Agree beforehand on units and on the exact "
                "method so that the data can be compared.",
                "Chaque jour d'école à la même heure, une équipe relève la température, les "
                "précipitations et la couverture nuageuse dans le tableur partagé. Mettez-vous "
                "d'accord à l'avance sur les unités et la méthode pour que les données soient "
                "comparables.",
            ),
            (
                "Energy audit of our school",
                "Audit énergétique de notre école",
                "Investigate lighting, heating, computers left on, and how pupils come to school. "
                "Estimate the energy used in one week and the share of each item. Publish the "
                "audit with photos of what you found.",
                "Enquêtez sur l'éclairage, le chauffage, les ordinateurs allumés et les trajets "
                "des élèves. Estimez l'énergie consommée en une semaine et la part de chaque "
                "poste. Publiez l'audit avec des photos de vos trouvailles.",
            ),
            (
                "Comparing our data",
                "Comparer nos données",
                "In mixed groups, compare the weather series and the audits of both schools. "
                "Compute averages and differences, draw charts and explain them: is a difference "
                "due to the climate, to the building, or to our habits?",
                "En groupes mixtes, comparez les séries météo et les audits des deux écoles. "
                "Calculez moyennes et écarts, tracez des graphiques et expliquez-les : une "
                "différence vient-elle du climat, du bâtiment ou de nos habitudes ?",
            ),
            (
                "Our climate action plan",
                "Notre plan d'action pour le climat",
                "Each class chooses three realistic actions, carries them out for two weeks and "
                "measures the effect. Present the results to both classes in a video meeting and "
                "publish the plan on the project website.",
                "Chaque classe choisit trois actions réalistes, les mène pendant deux semaines et "
                "en mesure l'effet. Présentez les résultats aux deux classes en visioconférence "
                "et publiez le plan sur le site du projet.",
            ),
        ],
    },
    {
        "slug": "fairy-tales-across-europe",
        "title_en": "Fairy tales across Europe",
        "title_fr": "Contes d'Europe",
        "summary_en": (
            "Classes share the traditional tales of their countries, find what they have in "
            "common, and write and illustrate a new tale together, chapter by chapter."
        ),
        "summary_fr": (
            "Les classes partagent les contes traditionnels de leur pays, cherchent ce qu'ils "
            "ont en commun, puis écrivent et illustrent ensemble un nouveau conte, chapitre "
            "par chapitre."
        ),
        "subjects": ["language-literature", "foreign-languages", "art", "cultural-heritage"],
        "age_min": 6,
        "age_max": 12,
        "duration_weeks": 14,
        "production": "multimedia",
        "tools_en": (
            "Drawing materials and a scanner or camera; TwinSpace pages for each chapter; "
            "audio recordings; the project blog for the finished book."
        ),
        "tools_fr": (
            "Matériel de dessin et un scanner ou un appareil photo ; une page du TwinSpace par "
            "chapitre ; des enregistrements audio ; le blog du projet pour le livre terminé."
        ),
        "steps": [
            (
                "Once upon a time in our country",
                "Il était une fois dans notre pays",
                "Each class chooses a traditional tale of its country, tells it in simple "
                "sentences with drawings, and records it aloud. Partners listen and draw their "
                "favourite scene.",
                "Chaque classe choisit un conte traditionnel de son pays, le raconte en phrases "
                "simples avec des dessins et l'enregistre à voix haute. Les partenaires "
                "l'écoutent et dessinent leur scène préférée.",
            ),
            (
                "Heroes, villains and magic objects",
                "Héros, méchants et objets magiques",
                "Sort the characters and objects of both tales into a shared table. Which roles "
                "come back everywhere (the youngest child, the wolf, the magic helper)? Discuss "
                "in the forum.",
                "Classez les personnages et objets des deux contes dans un tableau commun. "
                "Quels rôles reviennent partout (le plus jeune enfant, le loup, l'aide "
                "magique) ? Discutez-en sur le forum.",
            ),
            (
                "Our shared characters",
                "Nos personnages communs",
                "Each class invents one hero and one place, described and drawn, to be used in "
                "the common tale. Vote together for the magic object and the problem the heroes "
                "must solve.",
                "Chaque classe invente un héros et un lieu, décrits et dessinés, qui serviront "
                "dans le conte commun. Votez ensemble pour l'objet magique et le problème que "
                "les héros devront résoudre.",
            ),
            (
                "Writing the tale in turns",
                "Écrire le conte à tour de rôle",
                "The classes write alternate chapters: one class writes chapter 1, the other "
                "continues, and so on for six chapters. Each chapter is illustrated by the class "
                "that did not write it.",
                "Les classes écrivent des chapitres en alternance : une classe écrit le "
                "chapitre 1, l'autre poursuit, et ainsi de suite sur six chapitres. Chaque "
                "chapitre est illustré par la classe qui ne l'a pas écrit.",
            ),
            (
                "Our picture book",
                "Notre album illustré",
                "Assemble the chapters and illustrations into a bilingual picture book with "
                "audio. Publish it on the blog and present it to families or to younger classes "
                "in both schools.",
                "Assemblez chapitres et illustrations en un album bilingue sonorisé. Publiez-le "
                "sur le blog et présentez-le aux familles ou à des classes plus jeunes dans les "
                "deux écoles.",
            ),
        ],
    },
    {
        "slug": "maths-in-the-market",
        "title_en": "Maths in the market",
        "title_fr": "Les maths au marché",
        "summary_en": (
            "Pupils survey prices of everyday products, convert currencies and units, and "
            "compare what a basket of food costs in each country."
        ),
        "summary_fr": (
            "Les élèves relèvent les prix de produits courants, convertissent monnaies et "
            "unités, et comparent le coût d'un panier de courses dans chaque pays."
        ),
        "subjects": ["mathematics", "economics", "foreign-languages"],
        "age_min": 10,
        "age_max": 15,
        "duration_weeks": 8,
        "production": "exhibition",
        "tools_en": (
            "Price lists collected in shops or online; a shared spreadsheet; "
            "charts; posters for the exhibition."
        ),
        "tools_fr": (
            "Des relevés de prix en magasin ou en ligne ; un tableur partagé ; des graphiques ; "
            "des affiches pour l'exposition."
        ),
        "steps": [
            (
                "Our shopping basket",
                "Notre panier de courses",
                "Agree with the partners on a basket of ten products (bread, milk, apples, "
                "rice…) with precise quantities. Learn the names of the products in both "
                "languages.",
                "Choisissez avec les partenaires un panier de dix produits (pain, lait, pommes, "
                "riz…) avec des quantités précises. Apprenez le nom des produits dans les deux "
                "langues.",
            ),
            (
                "Price survey",
                "Relevé des prix",
                "In two or three shops or markets, pupils note the price of each product and the "
                "quantity sold. Enter the data in the shared spreadsheet, with the shop and the "
                "date.",
                "Dans deux ou trois magasins ou marchés, les élèves notent le prix de chaque "
                "produit et la quantité vendue. Saisissez les données dans le tableur partagé, "
                "avec le magasin et la date.",
            ),
            (
                "Units, unit prices and currencies",
                "Unités, prix unitaires et monnaies",
                "Convert every price to a price per kilogram or per litre, then, if the "
                "currencies differ, into one currency using the day's exchange rate. Check each "
                "other's calculations.",
                "Convertissez chaque prix en prix au kilogramme ou au litre puis, si les "
                "monnaies diffèrent, dans une seule monnaie au taux du jour. Vérifiez les calculs "
                "des partenaires.",
            ),
            (
                "What does it tell us?",
                "Qu'est-ce que cela nous apprend ?",
                "Compute the cost of the whole basket, averages and percentages of difference. "
                "Draw bar charts and discuss the reasons: local production, seasons, "
                "taxes, wages.",
                "Calculez le coût du panier, des moyennes et des pourcentages d'écart. Tracez des "
                "diagrammes en barres et discutez des causes : production locale, saisons, "
                "taxes, salaires.",
            ),
            (
                "The market exhibition",
                "L'exposition du marché",
                "Each class makes posters with the charts and its conclusions, exhibits them at "
                "school and publishes photos of the exhibition in the TwinSpace for the partners "
                "to comment on.",
                "Chaque classe réalise des affiches avec les graphiques et ses conclusions, les "
                "expose à l'école et publie des photos de l'exposition dans le TwinSpace pour "
                "que les partenaires les commentent.",
            ),
        ],
    },
    {
        "slug": "digital-citizenship-charter",
        "title_en": "Digital citizenship charter",
        "title_fr": "Charte de citoyenneté numérique",
        "summary_en": (
            "Pupils explore their online lives — privacy, kindness, reliable information — and "
            "write together a charter of good practice for both schools."
        ),
        "summary_fr": (
            "Les élèves explorent leur vie en ligne — vie privée, bienveillance, information "
            "fiable — et rédigent ensemble une charte de bonnes pratiques pour les deux écoles."
        ),
        "subjects": ["digital-citizenship", "citizenship", "media-education", "computing"],
        "age_min": 11,
        "age_max": 18,
        "duration_weeks": 8,
        "production": "website",
        "tools_en": (
            "An anonymous online survey; the TwinSpace forum for debates; "
            "shared pages for drafting; the project blog for the charter."
        ),
        "tools_fr": (
            "Un questionnaire anonyme en ligne ; le forum du TwinSpace pour les débats ; des "
            "pages partagées pour la rédaction ; le blog du projet pour la charte."
        ),
        "steps": [
            (
                "Our online lives",
                "Notre vie en ligne",
                "Pupils answer an anonymous survey on their screen time, the apps they use and "
                "what they like or fear online. Compare the results of both classes in charts.",
                "Les élèves répondent à un questionnaire anonyme sur leur temps d'écran, les "
                "applications utilisées et ce qu'ils aiment ou craignent en ligne. Comparez les "
                "résultats des deux classes en graphiques.",
            ),
            (
                "Privacy and personal data",
                "Vie privée et données personnelles",
                "What do we share, with whom, and what happens to it? Study the privacy settings "
                "of a common app and list the personal data it collects. Each class writes three "
                "pieces of advice.",
                "Que partageons-nous, avec qui, et qu'en advient-il ? Étudiez les réglages de "
                "confidentialité d'une application courante et listez les données qu'elle "
                "collecte. Chaque classe rédige trois conseils.",
            ),
            (
                "Kindness and cyberbullying",
                "Bienveillance et cyberharcèlement",
                "From short scenarios, discuss in mixed groups how to react as a witness or as a "
                "victim, and whom to ask for help in each country. Keep the forum debate "
                "respectful: it is practice too.",
                "À partir de courts scénarios, discutez en groupes mixtes de la façon de réagir "
                "en témoin ou en victime, et de qui appeler à l'aide dans chaque pays. Gardez un "
                "débat respectueux sur le forum : c'est aussi un exercice.",
            ),
            (
                "True or false? Checking information",
                "Vrai ou faux ? Vérifier l'information",
                "Each class sends the other five news items or images, some true, some false. "
                "Investigate them with fact-checking methods (source, date, reverse image "
                "search) and explain your verdict.",
                "Chaque classe envoie à l'autre cinq informations ou images, certaines vraies, "
                "d'autres fausses. Enquêtez avec les méthodes de vérification (source, date, "
                "recherche d'image inversée) et expliquez votre verdict.",
            ),
            (
                "Our charter",
                "Notre charte",
                "Draft the charter together: ten rules, each with a reason, in both languages. "
                "Vote on the final text, present it to each school's council and publish it on "
                "the blog.",
                "Rédigez la charte ensemble : dix règles, chacune justifiée, dans les deux "
                "langues. Votez le texte final, présentez-le au conseil de chaque école et "
                "publiez-le sur le blog.",
            ),
        ],
    },
    {
        "slug": "european-recipes-book",
        "title_en": "European recipes book",
        "title_fr": "Livre de recettes européennes",
        "summary_en": (
            "Families and pupils collect traditional recipes, cook and taste them, learn the "
            "vocabulary and the history behind each dish, and publish a shared recipe book."
        ),
        "summary_fr": (
            "Familles et élèves recueillent des recettes traditionnelles, les cuisinent et les "
            "goûtent, apprennent le vocabulaire et l'histoire de chaque plat, et publient un "
            "livre de recettes commun."
        ),
        "subjects": ["foreign-languages", "home-economics", "health", "cultural-heritage"],
        "age_min": 8,
        "age_max": 16,
        "duration_weeks": 10,
        "production": "online-journal",
        "tools_en": (
            "Recipes from families; kitchen scales and measuring jugs; a camera; "
            "TwinSpace pages per recipe; the project blog for the book."
        ),
        "tools_fr": (
            "Des recettes des familles ; balances et verres doseurs ; un appareil photo ; une "
            "page du TwinSpace par recette ; le blog du projet pour le livre."
        ),
        "steps": [
            (
                "Recipes from home",
                "Les recettes de la maison",
                "Each pupil asks their family for a recipe that matters to them and writes it "
                "down with the list of ingredients. The class chooses six recipes: a starter, "
                "two main dishes, two desserts and a festive dish.",
                "Chaque élève demande à sa famille une recette qui lui tient à cœur et l'écrit "
                "avec la liste des ingrédients. La classe en choisit six : une entrée, deux "
                "plats, deux desserts et un plat de fête.",
            ),
            (
                "Kitchen words",
                "Les mots de la cuisine",
                "Build an illustrated bilingual glossary of ingredients, utensils and actions "
                "(to chop, to stir, to bake). Partners test each other with a quiz.",
                "Construisez un lexique bilingue illustré des ingrédients, ustensiles et gestes "
                "(couper, mélanger, cuire au four). Les partenaires se testent avec un quiz.",
            ),
            (
                "Cooking and measuring",
                "Cuisiner et mesurer",
                "Cook at least one partner recipe in class or at home. Convert quantities and "
                "temperatures where needed, photograph each stage, and report how it tasted.",
                "Cuisinez au moins une recette des partenaires en classe ou à la maison. "
                "Convertissez quantités et températures si nécessaire, photographiez chaque "
                "étape et racontez le goût.",
            ),
            (
                "The story behind the dish",
                "L'histoire d'un plat",
                "Research where each dish comes from, when it is eaten and which celebrations it "
                "belongs to. Add a short text and, if you can, a family anecdote to each recipe. "
                "Discuss balanced eating with the partners.",
                "Cherchez d'où vient chaque plat, quand on le mange et à quelles fêtes il est "
                "associé. Ajoutez un court texte et, si possible, une anecdote familiale à chaque "
                "recette. Discutez d'alimentation équilibrée avec les partenaires.",
            ),
            (
                "Our recipe book",
                "Notre livre de recettes",
                "Lay out the twelve recipes with photos, glossary and stories as a bilingual "
                "book on the blog. Share it with families, for example at a tasting afternoon in "
                "each school.",
                "Mettez en page les douze recettes avec photos, lexique et histoires dans un "
                "livre bilingue publié sur le blog. Partagez-le avec les familles, par exemple "
                "lors d'un goûter dans chaque école.",
            ),
        ],
    },
]


def load(apps, schema_editor=None) -> None:
    """Install (or refresh) the shipped kits; safe to run twice."""
    Kit = apps.get_model("kits", "Kit")
    KitStep = apps.get_model("kits", "KitStep")
    Subject = apps.get_model("reference", "Subject")
    ProductionType = apps.get_model("reference", "ProductionType")
    for data in KITS:
        fields = {
            k: v for k, v in data.items() if k not in ("slug", "subjects", "steps", "production")
        }
        fields["production"] = ProductionType.objects.filter(code=data["production"]).first()
        kit, _created = Kit.objects.update_or_create(slug=data["slug"], defaults=fields)
        kit.subjects.set(Subject.objects.filter(code__in=data["subjects"]))
        for position, (title_en, title_fr, body_en, body_fr) in enumerate(data["steps"], 1):
            KitStep.objects.update_or_create(
                kit=kit,
                position=position,
                defaults={
                    "title_en": title_en,
                    "title_fr": title_fr,
                    "body_en": body_en,
                    "body_fr": body_fr,
                },
            )
