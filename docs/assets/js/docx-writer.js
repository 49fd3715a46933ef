/* A Word document (.docx) written in the browser, for the protocol builder and the evidence log's
   evidence pack. A .docx is a zip of a few XML parts. This writes only what Word and LibreOffice
   need: the text, Word's own "heading 1-3", "List Bullet" and "List Number" styles (so the
   navigation pane and a table of contents work), yellow highlighting on the parts still to fill
   in, tables and pictures (the evidence pack), and sections with their own header and footer
   with page numbers (both).
   The zip is stored, not compressed: the text is a few KB, and pictures are compressed already.
   Why not a library: docx 9.5.1's browser build is 152 KB gzip, twice the page's whole budget;
   this file is about 4.5 KB gzip as the site serves it (minified), and the protocol builder and
   the evidence log fetch it (shared.js's load) only when a Word file is asked for (README.md,
   "Office documents").
   Text only ever goes into XML through xmlText(), so what people type is never markup. */
(function () {
  "use strict";

  var W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  var R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  var DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/";
  var EMU_PER_PIXEL = 9525; /* a picture's size in Word's units, at 96 pixels to the inch */
  var XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  var CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

  /* Escaped, and without the characters XML 1.0 forbids (Word refuses the file otherwise). */
  function xmlText(text) {
    return String(text)
      .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function run(part) {
    var props = part.blank ? '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' : part.bold ? "<w:rPr><w:b/></w:rPr>" : "";
    /* A line break inside a run is a <w:br/>: the text keeps the lines it was typed in. */
    return "<w:r>" + props + String(part.text).split("\n").map(function (line) {
      return '<w:t xml:space="preserve">' + xmlText(line) + "</w:t>";
    }).join("<w:br/>") + "</w:r>";
  }

  /* keep: "<w:keepNext/>" and/or "<w:keepLines/>", which Word's schema puts after the style. */
  function paragraph(style, runs, numId, keep) {
    var numbering = numId ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="' + numId + '"/></w:numPr>' : "";
    var inside = (style ? '<w:pStyle w:val="' + style + '"/>' : "") + (keep || "") + numbering;
    return "<w:p>" + (inside ? "<w:pPr>" + inside + "</w:pPr>" : "") + runs.map(run).join("") + "</w:p>";
  }

  function endsPart(blocks, at) {
    return !blocks[at] || blocks[at].kind === "section";
  }

  /* A part's last paragraph stays whole, on a page with the one before it: Part 1 of a protocol
     ended with one sentence alone on a page before Part 2's new page. "" when neither. */
  function keepAtEnd(blocks, index) {
    if (endsPart(blocks, index + 1)) {
      return "<w:keepLines/>";
    }
    return endsPart(blocks, index + 2) ? "<w:keepNext/>" : "";
  }

  /* A short list that ends a part (the protocol's contacts) is read as one: each item is held to
     the next, so the list and its heading move to a new page together rather than leave the last
     five contacts on a page of their own. A long list may run on. Any list's first item is held to
     its second, as in the PDF: never a heading and one item at the foot of a page. */
  var KEPT_LIST_ITEMS = 15;
  function keepsTogether(blocks, index) {
    return endsPart(blocks, index + 1) && blocks[index].items.length <= KEPT_LIST_ITEMS;
  }

  /* A table: rows of cells, each [{text, bold}] runs; the first row repeats on each page. */
  function table(block) {
    var columns = block.widths.length;
    var border = '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>';
    var borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map(function (side) {
      return border.replace("top", side);
    }).join("");
    return '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>' + borders + "</w:tblBorders>" +
      '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>' +
      block.widths.map(function (width) { return '<w:gridCol w:w="' + width + '"/>'; }).join("") + "</w:tblGrid>" +
      block.rows.map(function (row, index) {
        /* A short row stays whole; a long one (a 2,000-character note) runs on rather than leave a
           page two-thirds empty. */
        var long = row.some(function (cell) {
          return cell.reduce(function (length, part) { return length + String(part.text).length; }, 0) > 600;
        });
        var rowProps = (index === 0 && block.header ? "<w:tblHeader/>" : "") + (long ? "" : "<w:cantSplit/>");
        return "<w:tr>" + (rowProps ? "<w:trPr>" + rowProps + "</w:trPr>" : "") +
          row.slice(0, columns).map(function (cell, column) {
            return '<w:tc><w:tcPr><w:tcW w:w="' + block.widths[column] + '" w:type="dxa"/></w:tcPr>' +
              '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>' + cell.map(run).join("") + "</w:p></w:tc>";
          }).join("") + "</w:tr>";
      }).join("") + "</w:tbl>" + '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>';
  }

  /* A picture on a line of its own: block.media is its part's relationship id, sizes in pixels. */
  function picture(block, number) {
    var cx = Math.round(block.width * EMU_PER_PIXEL);
    var cy = Math.round(block.height * EMU_PER_PIXEL);
    return '<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" ' +
      'xmlns:wp="' + DRAWING + 'wordprocessingDrawing"><wp:extent cx="' + cx + '" cy="' + cy + '"/>' +
      '<wp:docPr id="' + number + '" name="Picture ' + number + '" descr="' + xmlText(block.description) + '"/>' +
      '<a:graphic xmlns:a="' + DRAWING + 'main"><a:graphicData uri="' + DRAWING + 'picture">' +
      '<pic:pic xmlns:pic="' + DRAWING + 'picture"><pic:nvPicPr><pic:cNvPr id="' + number + '" name="' + xmlText(block.name) + '"/>' +
      "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"" + block.media + '"/><a:stretch><a:fillRect/></a:stretch>' +
      '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="' + cx + '" cy="' + cy + '"/></a:xfrm>' +
      '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  }

  /* A section's page: A4, its margins, and its header and footer (references from extraParts), 10 mm
     from the edge: 2 cm margins leave 6 mm between them and the text. titlePage: its first page has
     a header and footer of its own (Word's "Different First Page"). */
  function sectionProperties(references, titlePage) {
    return "<w:sectPr>" + (references || "") + '<w:pgSz w:w="11906" w:h="16838"/>' +
      '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>' +
      (titlePage ? "<w:titlePg/>" : "") + "</w:sectPr>";
  }

  /* Each numbered list gets its own numbering instance, so every list starts again at 1. A
     "section" block ends the section before it (Word keeps a section's properties in its last
     paragraph) and starts the next on a new page. references: each section's header and footer. */
  function documentParts(blocks, references, titlePage) {
    var body = [];
    var numberedLists = 0;
    var pictures = 0;
    var section = 0;
    references = references || [];
    blocks.forEach(function (block, index) {
      var keep = keepAtEnd(blocks, index);
      if (block.kind === "section") {
        body.push("<w:p><w:pPr>" + sectionProperties(references[section], titlePage && section === 0) + "</w:pPr></w:p>");
        section++;
      } else if (block.kind === "table") {
        body.push(table(block));
      } else if (block.kind === "picture") {
        body.push(picture(block, ++pictures));
      } else if (block.kind === "page-break") {
        body.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
      } else if (block.kind === "heading") {
        body.push(paragraph("Heading" + block.level, block.items[0]));
      } else if (block.kind === "paragraph") {
        body.push(paragraph("", block.items[0], 0, keep));
      } else {
        var numId = block.kind === "numbers" ? 2 + numberedLists++ : 1;
        var together = keepsTogether(blocks, index);
        block.items.forEach(function (item, at) {
          var last = at === block.items.length - 1;
          var held = last ? keep : together || at === 0 ? "<w:keepNext/>" : "";
          body.push(paragraph(block.kind === "numbers" ? "ListNumber" : "ListBullet", item, numId, held));
        });
      }
    });
    var instances = ['<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'];
    for (var n = 0; n < numberedLists; n++) {
      instances.push('<w:num w:numId="' + (2 + n) + '"><w:abstractNumId w:val="1"/>' +
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>');
    }
    return {
      document: XML + "<w:document " + W + " " + R + "><w:body>" + body.join("") +
        sectionProperties(references[section], titlePage && section === 0) + "</w:body></w:document>",
      numbering: XML + "<w:numbering " + W + ">" + level(0, "bullet", "\u2022") + level(1, "decimal", "%1.") +
        instances.join("") + "</w:numbering>"
    };
  }

  function level(id, format, text) {
    return '<w:abstractNum w:abstractNumId="' + id + '"><w:multiLevelType w:val="singleLevel"/>' +
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="' + format + '"/><w:lvlText w:val="' + text + '"/>' +
      '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>' +
      /* Its own run properties: else LibreOffice gives the bullet the first run's highlight. */
      '<w:rPr><w:highlight w:val="none"/></w:rPr></w:lvl></w:abstractNum>';
  }

  function headingStyle(number, size) {
    return '<w:style w:type="paragraph" w:styleId="Heading' + number + '"><w:name w:val="heading ' + number + '"/>' +
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>' +
      '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>' +
      '<w:outlineLvl w:val="' + (number - 1) + '"/></w:pPr><w:rPr><w:b/><w:sz w:val="' + size + '"/></w:rPr></w:style>';
  }

  function listStyle(id, name, numId) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' +
      '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
      '<w:pPr><w:numPr><w:numId w:val="' + numId + '"/></w:numPr><w:spacing w:after="60"/></w:pPr></w:style>';
  }

  /* Word's own "header" and "footer" styles, 9 pt and grey: at the body's 12 pt a header wrapped
     to two lines and read as part of the text. */
  function marginStyle(id, name) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' +
      '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
      '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="505A5F"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>';
  }

  var STYLES = XML + "<w:styles " + W + "><w:docDefaults><w:rPrDefault><w:rPr>" +
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="24"/><w:szCs w:val="24"/>' +
    '<w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>' +
    "</w:pPr></w:pPrDefault></w:docDefaults>" +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    headingStyle(1, 36) + headingStyle(2, 30) + headingStyle(3, 26) +
    listStyle("ListBullet", "List Bullet", 1) + listStyle("ListNumber", "List Number", 2) +
    marginStyle("Header", "header") + marginStyle("Footer", "footer") + "</w:styles>";

  /* A header or footer: one paragraph of runs; {page: true} runs are "Page N of M" (Word's fields). */
  function margin(kind, runs) {
    var tag = kind === "header" ? "w:hdr" : "w:ftr";
    var style = kind === "header" ? "Header" : "Footer";
    return XML + "<" + tag + " " + W + '><w:p><w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' + runs.map(function (part) {
      return part.page
        ? run({ text: "Page " }) + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' + run({ text: " of " }) +
          '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        : run(part);
    }).join("") + "</w:p></" + tag + ">";
  }

  var MEDIA_TYPES = { png: "image/png", jpeg: "image/jpeg" };

  /* The optional parts: each section's header and footer (runs: the first section's from the
     options, the others' from their "section" blocks), and media ([{id, extension, bytes}]). With
     options.plainFirstPage, the first page has no header (the protocol's said "Part 1: ..." right
     above the same heading) and the same footer: its own parts, as Word's "Different First Page"
     leaves a first page without them blank. */
  function extraParts(options, blocks) {
    var parts = [];
    var relations = [];
    var types = [];
    var sections = [options].concat(blocks.filter(function (block) { return block.kind === "section"; }));
    function reference(kind, type, name, runs) {
      parts.push(["word/" + name + ".xml", margin(kind, runs)]);
      relations.push('<Relationship Id="rId' + name + '" Type="' + REL + kind + '" Target="' + name + '.xml"/>');
      types.push('<Override PartName="/word/' + name + '.xml" ContentType="' + CT + kind + '+xml"/>');
      return "<w:" + kind + 'Reference w:type="' + type + '" r:id="rId' + name + '"/>';
    }
    var references = sections.map(function (section, index) {
      return ["header", "footer"].map(function (kind) {
        if (!section[kind]) {
          return "";
        }
        var first = index === 0 && options.plainFirstPage
          ? reference(kind, "first", "first" + kind, kind === "header" ? [] : section[kind])
          : "";
        return reference(kind, "default", kind + (index + 1), section[kind]) + first;
      }).join("");
    });
    Object.keys(MEDIA_TYPES).forEach(function (extension) {
      types.push('<Default Extension="' + extension + '" ContentType="' + MEDIA_TYPES[extension] + '"/>');
    });
    (options.media || []).forEach(function (item) {
      var target = "media/" + item.id + "." + item.extension;
      parts.push(["word/" + target, item.bytes]);
      relations.push('<Relationship Id="' + item.id + '" Type="' + REL + 'image" Target="' + target + '"/>');
    });
    return { parts: parts, relations: relations.join(""), types: types.join(""), references: references };
  }

  /* Who made the file (Word's "Author", left out when not known) and when: Word and LibreOffice
     show both in the file's properties. created: a Date, or now. */
  function coreProperties(title, options) {
    var created = (options.created || new Date()).toISOString().replace(/\.\d+Z$/, "Z");
    return XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>' + xmlText(title) + "</dc:title>" +
      (options.creator ? "<dc:creator>" + xmlText(options.creator) + "</dc:creator>" : "") +
      "<dc:language>en-GB</dc:language>" +
      '<dcterms:created xsi:type="dcterms:W3CDTF">' + created + "</dcterms:created></cp:coreProperties>";
  }

  function packageParts(title, parts, extra, options) {
    extra = extra || { parts: [], relations: "", types: "" };
    return [
      ["[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' + extra.types +
        '<Override PartName="/word/document.xml" ContentType="' + CT + 'document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="' + CT + 'styles+xml"/>' +
        '<Override PartName="/word/numbering.xml" ContentType="' + CT + 'numbering+xml"/>' +
        '<Override PartName="/word/settings.xml" ContentType="' + CT + 'settings+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        "</Types>"],
      ["_rels/.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + 'officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        "</Relationships>"],
      ["docProps/core.xml", coreProperties(title, options || {})],
      ["word/_rels/document.xml.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + 'styles" Target="styles.xml"/>' +
        '<Relationship Id="rId2" Type="' + REL + 'numbering" Target="numbering.xml"/>' +
        '<Relationship Id="rId3" Type="' + REL + 'settings" Target="settings.xml"/>' + extra.relations + "</Relationships>"],
      ["word/document.xml", parts.document],
      ["word/styles.xml", STYLES],
      ["word/numbering.xml", parts.numbering],
      /* Without it, Word opens the file in "Compatibility Mode" (as if from Word 2007). */
      ["word/settings.xml", XML + "<w:settings " + W + '><w:compat><w:compatSetting w:name="compatibilityMode" ' +
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>']
    ].concat(extra.parts);
  }

  var CRC_TABLE = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    CRC_TABLE.push(c >>> 0);
  }

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* Little-endian fields of a zip header: [value, byte count] pairs. */
  function header(fields) {
    var bytes = [];
    fields.forEach(function (field) {
      for (var i = 0; i < field[1]; i++) {
        bytes.push((field[0] >>> (8 * i)) & 0xff);
      }
    });
    return new Uint8Array(bytes);
  }

  /* A zip of stored entries with a fixed date (1 January 1980), so the same draft gives the same file. */
  function zip(entries) {
    var encoder = new TextEncoder();
    var chunks = [];
    var central = [];
    var offset = 0;
    entries.forEach(function (entry) {
      var name = encoder.encode(entry[0]);
      var data = typeof entry[1] === "string" ? encoder.encode(entry[1]) : entry[1];
      var crc = crc32(data);
      var common = [[20, 2], [0, 2], [0, 2], [0, 2], [0x21, 2], [crc, 4], [data.length, 4], [data.length, 4], [name.length, 2], [0, 2]];
      var local = header([[0x04034b50, 4]].concat(common));
      chunks.push(local, name, data);
      central.push(header([[0x02014b50, 4], [20, 2]].concat(common, [[0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]])), name);
      offset += local.length + name.length + data.length;
    });
    var size = central.reduce(function (total, chunk) { return total + chunk.length; }, 0);
    var end = header([[0x06054b50, 4], [0, 2], [0, 2], [entries.length, 2], [entries.length, 2], [size, 4], [offset, 4], [0, 2]]);
    return chunks.concat(central, [end]);
  }

  /* blocks: [{kind: "heading" (level 1-3) | "paragraph" | "bullets" | "numbers", items: [[{text, blank, bold}]]}
     | {kind: "table", widths: [twentieths of a point], rows: [[[runs]]], header: true if the first row is}
     | {kind: "picture", media: id, name, description, width, height (pixels)} | {kind: "page-break"}
     | {kind: "section", header: [runs], footer: [runs]} (a new page, with its own header and footer)];
     options: {header: [runs], footer: [runs, {page: true}]} (the first section's), plainFirstPage: true (no header
     on page 1), {media: [{id, extension, bytes}]},
     {creator: text, created: Date} (the file's properties). */
  window.saferPolitics.docx = {
    type: CT + "document",
    fromBlocks: function (blocks, title, options) {
      var extra = options ? extraParts(options, blocks) : null;
      var parts = documentParts(blocks, extra && extra.references, Boolean(options && options.plainFirstPage));
      return new Blob(zip(packageParts(title, parts, extra, options)), { type: CT + "document" });
    }
  };
})();
